package org.fuyu.policy.packs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
        MessageDigest h;
        try {
            h = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        pack.resources().stream().sorted(Comparator.comparing(PackResource::name)).forEach(r -> {
            h.update(r.name().getBytes(StandardCharsets.UTF_8));
            h.update(r.content());
        });
        for (Parameter p : pack.parameters().all()) {
            h.update(p.name().getBytes(StandardCharsets.UTF_8));
            p.values().forEach((d, v) -> h.update((d + "=" + v.toPlainString()).getBytes(StandardCharsets.UTF_8)));
        }
        // the first 8 hex digits of the SHA-256 of names, contents and parameter values
        return java.util.HexFormat.of().formatHex(h.digest()).substring(0, 8);
    }
}
