package org.fuyu.policy.examples.cli;

import org.fuyu.policy.io.DirectoryEvaluation;

/** The bounds of {@code --threads} and {@code --batch-size}, checked before any work with a one-line message. */
final class RunLimits {
    private RunLimits() {
    }

    static void check(Integer threads, int batchSize) {
        if (threads != null && (threads < 1 || threads > DirectoryEvaluation.MAX_THREADS)) {
            throw new CliErrors.UsageException("--threads " + threads + ": 应为 1–" + DirectoryEvaluation.MAX_THREADS
                    + " / must be 1 to " + DirectoryEvaluation.MAX_THREADS + " (more threads than cores only wait); "
                    + "leave it out to use all cores");
        }
        if (batchSize < 1 || batchSize > DirectoryEvaluation.MAX_BATCH_SIZE) {
            throw new CliErrors.UsageException("--batch-size " + batchSize + ": 应为 1–" + DirectoryEvaluation.MAX_BATCH_SIZE
                    + " / must be 1 to " + DirectoryEvaluation.MAX_BATCH_SIZE + " (" + DirectoryEvaluation.DEFAULT_BATCH_SIZE
                    + " is fastest); leave it out for the default");
        }
    }
}
