package org.fuyu.policy.examples.cli;

import picocli.CommandLine.Option;

/** The options of every command that streams an input directory through the engine: threads, batch size, progress. */
final class BatchOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "500",
            description = "Households per rule session (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    /** Refuses threads or a batch size out of range, with what to give instead. */
    void check() {
        RunLimits.check(threads, batchSize);
    }
}
