package org.fuyu.policy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.packs.RulePacks;
import org.junit.jupiter.api.Test;

/** Household and person ids never reach the log at INFO or above, whatever the request does. */
class LogsTest {
    @Test
    void idsAreNotLoggedAboveDebug() throws IOException {
        PolicyEngine engine = PolicyEngine.builder().addPacks(RulePacks.fromClasspath(List.of("low-income-relief"))).build();
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try (FuyuServer s = FuyuServer.builder(EngineSource.fixed(engine)).port(0).maxBodyBytes(2048).start()) {
            Client c = new Client(s);
            String h = "{\"id\":\"HID-7731\",\"villageId\":\"VID-7731\",\"members\":[{\"id\":\"PID-7731\",\"age\":40}]}";
            assertThat(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[" + h + "," + h + "]}")
                    .statusCode()).isEqualTo(200);
            assertThat(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[" + h.replace("40", "\"x\"")
                    + "]}").statusCode()).isEqualTo(200);
            assertThat(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[" + h).statusCode()).isEqualTo(400);
            assertThat(c.post("/v1/evaluate", "{\"asOf\":\"2024-06-30\",\"households\":[" + h.repeat(30) + "]}")
                    .statusCode()).isEqualTo(413);
            assertThat(c.post("/v1/evaluate/stream?asOf=2024-06-30", h + "\n" + h + "\nnot json\n", "application/x-ndjson")
                    .statusCode()).isEqualTo(200);
        } finally {
            System.setErr(old);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("Fuyu decision service on http://127.0.0.1:"); // the log was captured
        assertThat(log).doesNotContain("HID-7731").doesNotContain("PID-7731").doesNotContain("VID-7731");
    }
}
