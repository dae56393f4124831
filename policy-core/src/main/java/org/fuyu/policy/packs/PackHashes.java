package org.fuyu.policy.packs;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.WeakHashMap;
import org.fuyu.policy.params.Parameter;

final class PackHashes {
    private static final Map<RulePack, String> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private PackHashes() {
    }

    static String contentHash(RulePack pack) {
        return CACHE.computeIfAbsent(pack, PackHashes::compute);
    }

    private static String compute(RulePack pack) {
        Hasher h = Hashing.sha256().newHasher();
        pack.resources().stream().sorted(Comparator.comparing(PackResource::name)).forEach(r -> {
            h.putString(r.name(), StandardCharsets.UTF_8);
            h.putBytes(r.content());
        });
        for (Parameter p : pack.parameters().all()) {
            h.putString(p.name(), StandardCharsets.UTF_8);
            p.values().forEach((d, v) -> h.putString(d + "=" + v.toPlainString(), StandardCharsets.UTF_8));
        }
        return h.hash().toString().substring(0, 8);
    }
}
