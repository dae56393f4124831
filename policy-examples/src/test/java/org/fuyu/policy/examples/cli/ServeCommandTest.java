package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code fuyu serve}: options to a running server (port 0 on loopback), and unusable options refused. */
class ServeCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(java.net.URI uri, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void rulesDirectoryTokenAndAFreePort(@TempDir Path tmp) throws Exception {
        Path pack = tmp.resolve("rules/low-income-relief");
        Files.createDirectories(pack);
        try (Stream<Path> s = Files.list(Path.of("../policy-rules/src/main/resources/packs/low-income-relief"))) {
            for (Path f : s.toList()) {
                Files.copy(f, pack.resolve(f.getFileName()));
            }
        }
        Path token = Files.writeString(tmp.resolve("token"), "tok-123\n");
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--port", "0", "--rules", tmp.resolve("rules").toString(),
                "--token-file", token.toString(), "--poll-seconds", "60");
        try (ServeCommand.Started s = cmd.start()) {
            assertThat(s.server().uri().toString()).startsWith("http://127.0.0.1:");
            assertThat(s.server().address().getPort()).isPositive();
            assertThat(get(s.server().uri().resolve("/v1/health"), null).statusCode()).isEqualTo(200);
            assertThat(get(s.server().uri().resolve("/v1/packs"), null).statusCode()).isEqualTo(401);
            HttpResponse<String> packs = get(s.server().uri().resolve("/v1/packs"), "tok-123");
            assertThat(packs.statusCode()).isEqualTo(200);
            assertThat(packs.body()).contains("\"reloading\":true").contains("\"outcome\":\"LOADED\"");
            // the watched directory's low-income-relief replaces the shipped one; the other four shipped packs serve too
            assertThat(packs.headers().firstValue("Fuyu-Packs").orElse("").split(",")).hasSize(5)
                    .filteredOn(p -> p.startsWith("low-income-relief@1.0.0+")).hasSize(1);
        }
    }

    @Test
    void unusableOptionsAreRefusedWithAMessage(@TempDir Path tmp) throws Exception {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(FuyuCli.run("serve", "--port", "0", "--token-file", tmp.resolve("none").toString())).isEqualTo(1);
            Files.writeString(tmp.resolve("empty"), " \n");
            assertThat(FuyuCli.run("serve", "--port", "0", "--token-file", tmp.resolve("empty").toString())).isEqualTo(1);
            assertThat(FuyuCli.run("serve", "--port", "0", "--rules", tmp.resolve("nodir").toString())).isEqualTo(1);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file").contains("the file is empty")
                .contains("not a directory");
    }
}
