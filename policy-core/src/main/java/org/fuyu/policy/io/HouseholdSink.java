package org.fuyu.policy.io;

import java.io.IOException;
import java.util.List;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.HouseholdInput;

/**
 * Where the households of a {@link Pipeline} go once every run has decided them: decision lines
 * and the summary's counts ({@code evaluate}, {@code report}, {@code bench}, the service), or a
 * comparison of two runs ({@code compare}). The pipeline asks for one {@link Part} per batch on a
 * worker thread and writes the parts on the calling thread in input order, so a sink's output is
 * the same for any number of threads.
 */
public interface HouseholdSink {
    /**
     * A new part for one batch, on a worker thread.
     *
     * @param counts the batch's share of the run's summary (merged in input order)
     * @param errors the batch's error lines, in input order; a part may add lines for a household it takes
     */
    Part part(RunSummary counts, List<RecordError> errors);

    /** What one batch gives a sink. */
    interface Part {
        /**
         * A household that no run failed on, on a worker thread, in input order within the batch.
         *
         * @param results one result per run, in the order the pipeline's runs were given
         * @return null when the household is taken; otherwise why it is rejected (and nothing of
         *     it may stay in the part)
         */
        RecordError household(String file, int line, HouseholdInput in, List<CaseResult> results);

        /** Writes the part: on the calling thread, batches in input order. */
        void write() throws IOException;
    }
}
