package org.fuyu.policy.examples.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.fuyu.policy.ReloadingPolicyEngine;
import org.fuyu.policy.packs.RulePacks;
import org.fuyu.policy.server.EngineSource;
import org.fuyu.policy.server.FuyuServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fuyu serve}: the decision service over HTTP (policy-server). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves decisions over HTTP: POST /v1/evaluate, /v1/evaluate/stream, /v1/compare;",
            "GET /v1/packs, /v1/parameters, /v1/health, /v1/metrics, /v1/openapi.json.",
            "Prints the address on the first line of stdout. With --rules or --params, edits go live",
            "while it runs (a broken edit is refused and the last good rules keep serving)."})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port (default: ${DEFAULT-VALUE}); 0 picks a free one.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String bind;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A rule pack directory (or a directory of packs), watched for edits, added to the shipped packs"
                    + " (a pack with a shipped pack's id replaces it); repeatable.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--only-rules",
            description = "Serve only the packs of the --rules directories, not the shipped packs. Without it the directory"
                    + " packs are added to the shipped ones, and a directory pack with a shipped pack's id replaces it.")
    boolean onlyRules;

    @Option(names = "--params", paramLabel = "FILE",
            description = "A parameter file laid over the pack defaults, watched for edits; repeatable, later files win.")
    List<Path> params = new ArrayList<>();

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the bearer token every route but /v1/health then requires.")
    Path tokenFile;

    @Option(names = "--max-concurrent", defaultValue = "32", paramLabel = "N",
            description = "Evaluate/stream/compare requests answered at once; more get 503 (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--max-body-bytes", defaultValue = "16777216", paramLabel = "N",
            description = "Largest /v1/evaluate or /v1/compare body; larger get 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--time-budget", defaultValue = "30", paramLabel = "SECONDS",
            description = "Time budget of an evaluate or compare request; past it, 504 (default: ${DEFAULT-VALUE}).")
    long timeBudgetSeconds;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads of one streamed evaluation (default: all cores).")
    Integer threads;

    @Option(names = "--poll-seconds", defaultValue = "2", paramLabel = "N",
            description = "How often to look for rule and parameter edits (default: ${DEFAULT-VALUE}).")
    long pollSeconds;

    @Override
    public Integer call() throws Exception {
        Started started = start();
        System.out.println(started.server().uri());
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            stopped.countDown();
        }, "fuyu-serve-stop"));
        stopped.await();
        return 0;
    }

    /** A running server with its engines; closing stops both. */
    record Started(FuyuServer server, EngineSource engines) implements AutoCloseable {
        @Override
        public void close() {
            server.stop(Duration.ofSeconds(5));
            engines.close();
        }
    }

    /** Checks the options and starts the server (for call() and tests). */
    Started start() throws Exception {
        String token = null;
        if (tokenFile != null) {
            if (!Files.isRegularFile(tokenFile)) {
                throw CliErrors.noSuchFile("--token-file", tokenFile);
            }
            token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new CliErrors.UsageException(org.fuyu.policy.Lang.pick("--token-file " + tokenFile + "：文件是空的，请把令牌写进去",
                        "--token-file " + tokenFile + ": the file is empty; put the token in it"));
            }
        }
        for (Path dir : rules) {
            if (!Files.isDirectory(dir)) {
                throw CliErrors.notADirectory("--rules", dir);
            }
        }
        for (Path p : params) {
            if (!Files.isRegularFile(p)) {
                throw CliErrors.noSuchFile("--params", p);
            }
        }
        EngineSource engines;
        if (rules.isEmpty() && params.isEmpty()) {
            engines = EngineSource.fixed(new EngineOptions().engine());
        } else {
            ReloadingPolicyEngine.Builder b = ReloadingPolicyEngine.builder()
                    .pollInterval(Duration.ofSeconds(Math.max(1, pollSeconds)));
            if (!onlyRules) {
                // the shipped packs, but for those a watched directory replaces (same id); the watcher reports broken directories
                List<org.fuyu.policy.packs.RulePack> fromDirs = new ArrayList<>();
                for (Path dir : rules) {
                    try {
                        fromDirs.addAll(RulePacks.fromDirectory(dir));
                    } catch (org.fuyu.policy.PolicyException e) {
                        // reported by the reloading engine, with file and line
                    }
                }
                org.fuyu.policy.packs.PackSelection selection = org.fuyu.policy.packs.PackSelection.withShipped(fromDirs);
                selection.printedNotes().forEach(System.err::println);
                b.addPacks(selection.packs().stream().filter(p -> !fromDirs.contains(p)).toList());
            }
            rules.forEach(b::watchRules);
            params.forEach(b::watchParameters);
            engines = EngineSource.reloading(b);
        }
        FuyuServer.Builder sb = FuyuServer.builder(engines).bind(bind).port(port).token(token)
                .maxConcurrent(maxConcurrent).maxBodyBytes(maxBodyBytes)
                .timeBudget(Duration.ofSeconds(Math.max(1, timeBudgetSeconds)));
        if (threads != null) {
            sb.streamThreads(threads);
        }
        try {
            return new Started(sb.start(), engines);
        } catch (java.io.IOException | RuntimeException e) {
            engines.close();
            throw e;
        }
    }
}
