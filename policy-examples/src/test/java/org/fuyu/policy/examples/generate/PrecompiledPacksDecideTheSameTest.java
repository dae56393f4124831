package org.fuyu.policy.examples.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.io.DirectoryEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped packs compiled when their jar was built (Drools' executable model) decide exactly
 * as the same packs compiled from their rule files when the engine is built: a generated county,
 * evaluated with both, with denials explained, gives the same bytes in every output file.
 */
class PrecompiledPacksDecideTheSameTest {

    @Test
    void theExecutableModelAndTheRuleFilesGiveTheSameDecisions(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("input");
        new PopulationGenerator(new PopulationGenerator.Config(6_000, 24, 2, 23)).write(input, 2, n -> { });
        PolicyEngine model = PolicyEngine.builder().addClasspathPacks().build();
        PolicyEngine files = PolicyEngine.builder().addClasspathPacks().precompiled(false).build();
        assertThat(model.precompiled()).as("shipped packs are built from the executable model").isTrue();
        assertThat(files.precompiled()).isFalse();
        EvaluationOptions options = new EvaluationOptions(LocalDate.of(2024, 6, 30), true);
        Path a = dir.resolve("model");
        Path b = dir.resolve("files");
        DirectoryEvaluation.builder(model, options).threads(2).build().run(input, a);
        DirectoryEvaluation.builder(files, options).threads(2).build().run(input, b);
        for (String f : List.of("decisions.jsonl", "errors.jsonl")) {
            assertThat(Files.readAllLines(a.resolve(f))).as(f).isEqualTo(Files.readAllLines(b.resolve(f)));
        }
        assertThat(Files.size(a.resolve("decisions.jsonl"))).isGreaterThan(1_000_000);
    }
}
