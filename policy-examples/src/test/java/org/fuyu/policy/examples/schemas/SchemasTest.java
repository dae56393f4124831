package org.fuyu.policy.examples.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.fuyu.policy.examples.cli.FuyuCli;
import org.fuyu.policy.facts.Business;
import org.fuyu.policy.facts.County;
import org.fuyu.policy.facts.Household;
import org.fuyu.policy.facts.Village;
import org.fuyu.policy.io.FactReader;
import org.fuyu.policy.io.RecordError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Schemas (2020-12) of every file Fuyu reads or writes: they are valid schemas, the
 * copies in docs/schemas are the jar's, and they accept what Fuyu really reads and writes — the
 * demo data, generated data, the decisions, errors and summary of evaluate runs on both, the
 * shipped packs' pack.yaml and parameters.yaml and the shipped reforms — while rejecting exactly
 * the records the strict reader rejects.
 */
class SchemasTest {
    private static final Path DEMO = Path.of("src/main/resources/demo");
    private static final Map<String, String> INPUTS = Map.of("households.jsonl", "household", "businesses.jsonl",
            "business", "villages.jsonl", "village", "counties.jsonl", "county");
    private static final Map<String, Class<?>> TYPES = Map.of("household", Household.class, "business", Business.class,
            "village", Village.class, "county", County.class);

    @TempDir
    static Path tmp;

    static Path generated;
    static Path demoOut;
    static Path generatedOut;

    @BeforeAll
    static void runs() {
        generated = tmp.resolve("generated");
        assertThat(FuyuCli.run("generate", "--households", "3000", "--villages", "30", "--seed", "7", "--out",
                generated.toString(), "--quiet")).isZero();
        demoOut = tmp.resolve("demo-out");
        assertThat(FuyuCli.run("evaluate", "--input", DEMO.toString(), "--out", demoOut.toString(), "--as-of", "2024-06-30",
                "--explain-denials", "--quiet")).isZero();
        generatedOut = tmp.resolve("generated-out");
        assertThat(FuyuCli.run("evaluate", "--input", generated.toString(), "--out", generatedOut.toString(), "--as-of",
                "2024-06-30", "--quiet")).isZero();
    }

    @Test
    void everySchemaIsAValid2020_12SchemaWithTypesAndDescriptions() {
        for (String name : Schemas.NAMES) {
            JsonNode s = Schemas.tree(name);
            assertThat(s.path("$schema").asText()).as(name).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(Schemas.metaErrors(s)).as(name).isEmpty();
            assertThat(s.path("title").asText()).as(name).isNotBlank();
        }
        // every field says its type and what it is
        for (String name : Schemas.NAMES) {
            SchemaFields.of(Schemas.tree(name)).forEach((path, f) -> {
                assertThat(f.type()).as(name + " " + path + " type").isNotBlank();
                assertThat(f.description()).as(name + " " + path + " description").isNotBlank();
            });
        }
    }

    @Test
    void docsSchemasAreTheJarsSchemas() throws IOException {
        Path jar = Path.of("../policy-core/src/main/resources", Schemas.FOLDER);
        Path docs = Path.of("../docs/schemas");
        assertThat(names(docs)).isEqualTo(names(jar));
        assertThat(names(jar)).containsExactlyInAnyOrderElementsOf(Schemas.NAMES.stream().map(n -> n + ".schema.json").toList());
        for (String f : names(jar)) {
            assertThat(Files.readString(docs.resolve(f))).as("docs/schemas/" + f + " = policy-core's " + f
                    + " (copy it: cp policy-core/src/main/resources/" + Schemas.FOLDER + f + " docs/schemas/)")
                    .isEqualTo(Files.readString(jar.resolve(f)));
        }
    }

    private static TreeSet<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void demoInputsValidateExactlyWhereTheReaderAccepts() throws IOException {
        int rejected = 0;
        for (Map.Entry<String, String> e : INPUTS.entrySet()) {
            rejected += agree(DEMO.resolve(e.getKey()), e.getValue());
        }
        assertThat(rejected).as("the demo's two broken households (age 130, wage -5)").isEqualTo(2);
    }

    @Test
    void generatedInputsValidate() throws IOException {
        for (Map.Entry<String, String> e : INPUTS.entrySet()) {
            Path f = generated.resolve(e.getKey());
            assertThat(f).exists();
            assertThat(agree(f, e.getValue())).as(f.toString()).isZero();
        }
    }

    /** Checks every line with the schema and the reader; they must agree. Returns the lines both rejected. */
    private static int agree(Path file, String schema) throws IOException {
        Map<Integer, RecordError> readerErrors = new TreeMap<>();
        new FactReader<>(TYPES.get(schema)).read(file, r -> { }, e -> readerErrors.put(e.line(), e));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int rejected = 0;
        for (int i = 0; i < lines.size(); i++) {
            List<String> schemaErrors = Schemas.errors(schema, Schemas.JSON.readTree(lines.get(i)));
            boolean readerRejects = readerErrors.containsKey(i + 1);
            if (readerErrors.containsKey(i + 1) && readerErrors.get(i + 1).message().startsWith("duplicate")) {
                continue; // a second record with one id: a rule across lines, which a per-record schema cannot state
            }
            assertThat(!schemaErrors.isEmpty()).as(file.getFileName() + ":" + (i + 1) + " reader: " + readerErrors.get(i + 1)
                    + ", schema: " + schemaErrors).isEqualTo(readerRejects);
            rejected += readerRejects ? 1 : 0;
        }
        return rejected;
    }

    @Test
    void evaluateOutputsValidate() throws IOException {
        for (Path out : List.of(demoOut, generatedOut)) {
            long decisions = validateLines(out.resolve("decisions.jsonl"), "decision");
            assertThat(decisions).as(out.toString()).isPositive();
            validateLines(out.resolve("errors.jsonl"), "record-error");
            assertThat(Schemas.errors("summary", Schemas.JSON.readTree(out.resolve("summary.json").toFile())))
                    .as(out + "/summary.json").isEmpty();
        }
        assertThat(Files.readAllLines(demoOut.resolve("errors.jsonl"))).hasSize(2);
        assertThat(Files.readString(demoOut.resolve("decisions.jsonl"))).contains("\"outcome\":\"DENIED\"")
                .contains("\"outcome\":\"TARGET_MISSED\"").contains("\"anyOf\":");
    }

    private static long validateLines(Path file, String schema) throws IOException {
        long n = 0;
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                assertThat(Schemas.errors(schema, Schemas.JSON.readTree(line))).as(file + ": " + line).isEmpty();
                n++;
            }
        }
        return n;
    }

    @Test
    void shippedPackFilesAndReformsValidate() throws IOException {
        int packs = 0;
        for (String pack : List.of("low-income-relief", "entrepreneurship-grants", "collective-income", "micro-loan",
                "prosperity-targets")) {
            assertThat(Schemas.errors("pack", yaml("packs/" + pack + "/pack.yaml"))).as(pack + "/pack.yaml").isEmpty();
            assertThat(Schemas.errors("parameters", yaml("packs/" + pack + "/parameters.yaml"))).as(pack + "/parameters.yaml")
                    .isEmpty();
            packs++;
        }
        assertThat(packs).isEqualTo(5);
        try (Stream<Path> reforms = Files.list(Path.of("../reforms"))) {
            List<Path> files = reforms.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(files).hasSizeGreaterThanOrEqualTo(2);
            for (Path f : files) {
                assertThat(Schemas.errors("reform", Schemas.YAML.readTree(f.toFile()))).as(f.toString()).isEmpty();
            }
        }
    }

    private static JsonNode yaml(String resource) throws IOException {
        try (InputStream in = SchemasTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Schemas.YAML.readTree(in);
        }
    }

    @Test
    void readerAndSchemaRejectTheSameInvalidRecordsAndAcceptTheSameEdgeCases() throws IOException {
        String h = "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":45}]";
        List<String[]> invalid = List.of(
                new String[] {"household", h + ",\"colour\":\"red\"}"},                       // unknown field
                new String[] {"household", "{\"id\":\"H1\",\"members\":[{\"id\":\"P1\",\"age\":45}]}"}, // villageId missing
                new String[] {"household", "{\"id\":\"H1\",\"villageId\":null,\"members\":[{\"id\":\"P1\",\"age\":45}]}"},
                new String[] {"household", "{\"id\":\" \",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":45}]}"},
                new String[] {"household", "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[]}"},
                new String[] {"household", "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":121}]}"},
                new String[] {"household", "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":-1}]}"},
                new String[] {"household", "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":\"45\"}]}"},
                new String[] {"household", "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\"}]}"},
                new String[] {"household", "{\"id\":7,\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":45}]}"},
                new String[] {"household", h + ",\"income\":{\"wage\":\"20000\"}}"},
                new String[] {"household", h + ",\"income\":{\"wage\":200.5}}"},
                new String[] {"household", h + ",\"income\":{\"wage\":-1}}"},
                new String[] {"household", h + ",\"income\":{\"operating\":-1000000001}}"},
                new String[] {"household", h + ",\"medicalExpenseYuan\":1000000001}"},
                new String[] {"household", h + ",\"farming\":\"yes\"}"},
                new String[] {"household", h + ",\"statuses\":[\"POOR\"]}"},
                new String[] {"household", h + ",\"statuses\":\"MONITORED\"}"},
                new String[] {"household", h + ",\"credit\":{\"rating\":\"D\"}}"},
                new String[] {"household", h + ",\"assets\":{\"boat\":1}}"},
                new String[] {"household", h + ",\"members\":[{\"id\":\"P1\",\"age\":45,\"categories\":[\"ARTIST\"]}]}"},
                new String[] {"business", "{\"id\":\"B1\",\"ownerId\":\"P1\",\"householdId\":\"H1\"}"},
                new String[] {"business", "{\"id\":\"B1\",\"ownerId\":\"P1\",\"householdId\":\"H1\",\"villageId\":\"V1\",\"sector\":\"MINING\"}"},
                new String[] {"business", "{\"id\":\"B1\",\"ownerId\":\"P1\",\"householdId\":\"H1\",\"villageId\":\"V1\",\"registeredOn\":\"2024-13-01\"}"},
                new String[] {"business", "{\"id\":\"B1\",\"ownerId\":\"P1\",\"householdId\":\"H1\",\"villageId\":\"V1\",\"landAreaMu\":-2}"},
                new String[] {"business", "{\"id\":\"B1\",\"ownerId\":\"P1\",\"householdId\":\"H1\",\"villageId\":\"V1\",\"monthsOperating\":3.5}"},
                new String[] {"village", "{\"id\":\"V1\"}"},
                new String[] {"village", "{\"id\":\"V1\",\"countyId\":\"C1\",\"sizeClass\":\"HUGE\"}"},
                new String[] {"village", "{\"id\":\"V1\",\"countyId\":\"C1\",\"collectiveIncome\":{\"operating\":-5}}"},
                new String[] {"village", "{\"id\":\"V1\",\"countyId\":\"C1\",\"population\":-3}"},
                new String[] {"county", "{\"ruralPerCapitaIncome\":24000}"},
                new String[] {"county", "{\"id\":\"C1\",\"ruralPerCapitaIncome\":\"24000\"}"},
                new String[] {"county", "{\"id\":\"C1\",\"creditLoanBalanceYuan\":-1}"});
        for (String[] c : invalid) {
            assertThat(readerError(c[0], c[1])).as("reader: " + c[1]).isNotNull();
            assertThat(Schemas.errors(c[0], Schemas.JSON.readTree(c[1]))).as("schema: " + c[1]).isNotEmpty();
        }
        StringBuilder hundred = new StringBuilder("{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[");
        for (int i = 0; i < 100; i++) {
            hundred.append(i == 0 ? "" : ",").append("{\"id\":\"P").append(i).append("\",\"age\":").append(i % 121).append('}');
        }
        List<String[]> valid = List.of(
                new String[] {"household", h + ",\"countyId\":null,\"farming\":null,\"income\":null,\"statuses\":null,"
                        + "\"housingSafe\":null,\"assets\":null,\"credit\":null}"},
                new String[] {"household", "{\"id\":\"H1\",\"villageId\":\"V1\",\"members\":[{\"id\":\"P1\",\"age\":0},{\"id\":\"P2\",\"age\":120}]}"},
                new String[] {"household", h + ",\"income\":{\"operating\":-1000000000,\"wage\":1000000000}}"},
                new String[] {"household", hundred + "]}"},
                new String[] {"business", "{\"id\":\"B1\",\"ownerId\":\"P1\",\"householdId\":\"H1\",\"villageId\":\"V1\",\"landAreaMu\":2.5,\"registeredOn\":\"2024-02-29\"}"},
                new String[] {"village", "{\"id\":\"V1\",\"countyId\":\"C1\",\"collectiveIncome\":{\"operating\":120000}}"},
                new String[] {"county", "{\"id\":\"C1\",\"urbanPerCapitaIncome\":null}"});
        for (String[] c : valid) {
            assertThat(readerError(c[0], c[1])).as("reader: " + c[1]).isNull();
            assertThat(Schemas.errors(c[0], Schemas.JSON.readTree(c[1]))).as("schema: " + c[1]).isEmpty();
        }
    }

    private static RecordError readerError(String schema, String line) throws IOException {
        List<RecordError> errors = new ArrayList<>();
        List<Object> ok = new ArrayList<>();
        new FactReader<>(TYPES.get(schema)).read("x.jsonl", new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.UTF_8)),
                r -> ok.add(r.value()), errors::add);
        assertThat(ok.size() + errors.size()).isEqualTo(1);
        return errors.isEmpty() ? null : errors.get(0);
    }
}
