package org.fuyu.policy.packs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import org.fuyu.policy.params.Parameter;
import org.fuyu.policy.testing.TestPacks;
import org.junit.jupiter.api.Test;

/** A pack's version suffix is the hash it always was (it is in every decision's packVersion). */
class PackHashesTest {

    @Test
    void theVersionHashIsTheSha256ItWasWithGuava() {
        RulePack pack = RulePacks.fromTrustedDirectory(TestPacks.resource("packs/tables")).get(0);
        Hasher h = Hashing.sha256().newHasher();
        pack.resources().stream().sorted(Comparator.comparing(PackResource::name)).forEach(r -> {
            h.putString(r.name(), StandardCharsets.UTF_8);
            h.putBytes(r.content());
        });
        for (Parameter p : pack.parameters().all()) {
            h.putString(p.name(), StandardCharsets.UTF_8);
            p.values().forEach((d, v) -> h.putString(d + "=" + v.toPlainString(), StandardCharsets.UTF_8));
        }
        assertThat(pack.version()).isEqualTo("1.0.0+" + h.hash().toString().substring(0, 8));
    }
}
