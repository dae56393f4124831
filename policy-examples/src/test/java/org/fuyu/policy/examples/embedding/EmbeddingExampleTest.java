package org.fuyu.policy.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;

// --- README: imports ---
import java.time.LocalDate;
import org.fuyu.policy.CaseResult;
import org.fuyu.policy.Decision;
import org.fuyu.policy.EvaluationOptions;
import org.fuyu.policy.HouseholdInput;
import org.fuyu.policy.PolicyEngine;
import org.fuyu.policy.facts.Facts;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Person;
// --- end ---
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedding snippet of the README, kept compiling, true and the same as the README's text. */
class EmbeddingExampleTest {

    @Test
    void readmeSnippet() {
        // --- README: embedding ---
        PolicyEngine engine = PolicyEngine.builder()
                .addClasspathPacks()                       // every pack jar on the class path
                .build();                                  // build once; share across threads

        Household household = Household.builder().id("H001").villageId("V01").countyId("C01")
                .member(Person.builder().id("P1").age(45).laborCapable(true).employed(true).build())
                .member(Person.builder().id("P2").age(43).laborCapable(true).build())
                .member(Person.builder().id("P3").age(12).inSchool(true).build())
                .income(20000, 4000, 0, 3000)              // wage, operating, property, transfer (yuan/year)
                .build();                                  // unset fields take the spec's defaults
        Household fromJson = Facts.household("""
                {"id":"H001","villageId":"V01","countyId":"C01",
                 "members":[{"id":"P1","age":45,"laborCapable":true,"employed":true},
                            {"id":"P2","age":43,"laborCapable":true},{"id":"P3","age":12,"inSchool":true}],
                 "income":{"wage":20000,"operating":4000,"property":0,"transfer":3000}}""");

        CaseResult result = engine.evaluate(HouseholdInput.of(household),
                EvaluationOptions.asOf(LocalDate.of(2024, 6, 30)));
        for (Decision d : result.decisions()) {
            System.out.println(d.code() + " " + d.outcome() + " " + d.amountYuan() + " — " + d.citation());
        }
        // --- end ---

        assertThat(fromJson).isEqualTo(household);
        // 27,000 yuan for 3 people: 9,000 per person, 4,000 below the 13,000 line, times 3
        assertThat(result.decisions()).filteredOn(d -> d.code().equals("LOW_INCOME_TOP_UP"))
                .singleElement().satisfies(d -> assertThat(d.amountYuan()).isEqualTo(12000L));
        assertThat(result.decisions()).filteredOn(d -> d.code().equals("EDUCATION_FEE_WAIVER"))
                .singleElement().satisfies(d -> assertThat(d.subjectId()).isEqualTo("P3"));
    }

    /** The README shows the imports and the snippet above, character for character. */
    @Test
    void readmeShowsThisSnippet() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String source = Files.readString(
                Path.of("src/test/java/org/fuyu/policy/examples/embedding/EmbeddingExampleTest.java"),
                StandardCharsets.UTF_8);
        String expected = String.join("\n", marked(source, "imports")) + "\n\n"
                + String.join("\n", marked(source, "embedding"));
        int start = readme.indexOf("```java\n", readme.indexOf("## Embedding the engine"));
        int end = readme.indexOf("\n```", start + 1);
        assertThat(readme.substring(start + "```java\n".length(), end)).isEqualTo(expected);
    }

    /** The lines between "// --- README: name ---" and "// --- end ---", unindented by the marker's indent. */
    private static List<String> marked(String source, String name) {
        List<String> out = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        int indent = -1;
        for (String line : lines) {
            if (indent < 0) {
                if (line.trim().equals("// --- README: " + name + " ---")) {
                    indent = line.indexOf('/');
                }
            } else if (line.trim().equals("// --- end ---")) {
                return out;
            } else {
                out.add(line.length() >= indent ? line.substring(indent) : line.strip());
            }
        }
        throw new AssertionError("no README marker " + name);
    }
}
