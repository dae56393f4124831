package org.fuyu.policy.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.fuyu.policy.examples.cli.FuyuCli;
import org.fuyu.policy.examples.generate.PopulationGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Spark job against {@code fuyu evaluate} and {@code fuyu compare} on the same generated
 * population (with businesses, villages, counties and malformed records of every input), in
 * {@code local[2]}: the same decisions (compared as sorted JSON Lines), the same rejected records
 * with the same messages, and the same summary, with one and with several partitions; Parquet in
 * and out; and the reform comparison with the same totals, winners and losers.
 */
class FuyuSparkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AS_OF = "2024-06-30";

    @TempDir
    static Path dir;
    static SparkSession spark;
    static Path clean;
    static Path dirty;
    static Path cliDirty;

    @BeforeAll
    static void setUp() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("fuyu-test").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
        clean = dir.resolve("clean");
        new PopulationGenerator(new PopulationGenerator.Config(400, 12, 2, 7)).write(clean, 1, n -> { });
        dirty = dir.resolve("dirty");
        Files.createDirectories(dirty);
        for (String f : List.of("households.jsonl", "businesses.jsonl", "villages.jsonl", "counties.jsonl")) {
            Files.copy(clean.resolve(f), dirty.resolve(f));
        }
        addMalformedRecords(dirty);
        cliDirty = dir.resolve("cli-dirty");
        assertThat(FuyuCli.run("evaluate", "--input", dirty.toString(), "--out", cliDirty.toString(), "--as-of", AS_OF,
                "--quiet")).isZero();
    }

    @AfterAll
    static void tearDown() {
        spark.stop();
    }

    /** Households, businesses, villages and counties that fuyu evaluate rejects, each for its own reason. */
    private static void addMalformedRecords(Path in) throws IOException {
        String first = Files.readAllLines(in.resolve("households.jsonl")).get(0);
        ObjectNode h = (ObjectNode) JSON.readTree(first);
        List<byte[]> households = new ArrayList<>();
        households.add("{not json".getBytes(StandardCharsets.UTF_8));
        households.add(first.getBytes(StandardCharsets.UTF_8)); // duplicate id
        households.add(with(h, "id", "H-UNKNOWN-FIELD").put("colour", "red").toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode negative = with(h, "id", "H-NEGATIVE");
        ((ObjectNode) negative.get("income")).put("wage", -5);
        households.add(negative.toString().getBytes(StandardCharsets.UTF_8));
        households.add("   ".getBytes(StandardCharsets.UTF_8)); // blank: no record
        households.add((with(h, "id", "H-CRLF") + "\r").getBytes(StandardCharsets.UTF_8)); // a CRLF line is fine
        byte[] bad = with(h, "id", "H-BADUTF8").toString().getBytes(StandardCharsets.UTF_8);
        bad[8] = (byte) 0xC0; // an overlong form inside the id
        households.add(bad);
        ObjectNode nowhere = with(h, "id", "H-NOWHERE").put("villageId", "V-NOWHERE");
        nowhere.remove("countyId"); // in no county: counted apart
        households.add(nowhere.toString().getBytes(StandardCharsets.UTF_8));
        append(in.resolve("households.jsonl"), households);

        String business = Files.readAllLines(in.resolve("businesses.jsonl")).get(0);
        ObjectNode b = (ObjectNode) JSON.readTree(business);
        append(in.resolve("businesses.jsonl"), List.of(business.getBytes(StandardCharsets.UTF_8),
                with(b, "id", "B-ORPHAN").put("householdId", "H-NONE").toString().getBytes(StandardCharsets.UTF_8),
                with(b, "id", "B-OF-NEGATIVE").put("householdId", "H-NEGATIVE").toString().getBytes(StandardCharsets.UTF_8),
                with(b, "id", "B-BAD").put("monthsOperating", "six").toString().getBytes(StandardCharsets.UTF_8)));
        String village = Files.readAllLines(in.resolve("villages.jsonl")).get(0);
        append(in.resolve("villages.jsonl"), List.of(village.getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"V-BAD\"}".getBytes(StandardCharsets.UTF_8)));
        append(in.resolve("counties.jsonl"), List.of("{\"id\":\"C-X\",\"ruralPerCapitaIncome\":\"abc\"}"
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static ObjectNode with(ObjectNode n, String field, String value) {
        return n.deepCopy().put(field, value);
    }

    private static void append(Path file, List<byte[]> lines) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            for (byte[] l : lines) {
                out.write(l);
                out.write('\n');
            }
        }
    }

    private static int job(String... args) {
        return FuyuSparkJob.run(args, System.out, System.err);
    }

    @ParameterizedTest(name = "{0} partition(s)")
    @ValueSource(ints = {1, 3})
    void sameDecisionsErrorsAndSummaryAsFuyuEvaluate(int partitions) throws IOException {
        Path out = dir.resolve("spark-" + partitions);
        assertThat(job("--input", dirty.toString(), "--out", out.toString(), "--as-of", AS_OF,
                "--partitions", Integer.toString(partitions))).isZero();

        List<String> cliDecisions = sorted(Files.readAllLines(cliDirty.resolve("decisions.jsonl")));
        assertThat(cliDecisions).hasSizeGreaterThan(400);
        assertThat(sorted(partLines(out.resolve("decisions")))).isEqualTo(cliDecisions);
        List<String> cliErrors = sorted(Files.readAllLines(cliDirty.resolve("errors.jsonl")));
        assertThat(sorted(partLines(out.resolve("errors")))).isEqualTo(cliErrors);
        // every malformed record, and only they: 5 households (not the blank line, the CRLF line or the one in
        // no county), 4 businesses (a duplicate, an orphan, one of a rejected household, one unreadable), 2
        // villages (a duplicate, one without countyId), 1 county
        assertThat(cliErrors).hasSize(5 + 4 + 2 + 1);

        JsonNode cli = withoutManifest(cliDirty.resolve("summary.json"));
        JsonNode sp = withoutManifest(out.resolve("summary.json"));
        assertThat(sp).isEqualTo(cli);
        JsonNode files = sp.get("files");
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            JsonNode f = it.next().getValue();
            assertThat(f.get("read").asLong()).isEqualTo(f.get("evaluated").asLong() + f.get("rejected").asLong());
        }
        assertThat(files.get("households.jsonl").get("read").asLong()).isEqualTo(400 + 7);
        assertThat(files.get("households.jsonl").get("rejected").asLong()).isEqualTo(5);
        assertThat(sp.get("householdsWithoutCounty").asLong()).isEqualTo(1);
        // the household in no county is named in notes.jsonl, as by fuyu evaluate, with its line
        assertThat(Files.readAllLines(out.resolve("notes.jsonl")))
                .isEqualTo(Files.readAllLines(cliDirty.resolve("notes.jsonl"))).hasSize(1);
        assertThat(sp.get("notes").toString()).contains("1 households were decided but count towards no county");
        assertThat(sp.get("counties").size()).isGreaterThanOrEqualTo(2);
        // the executors (here: this JVM) built one engine for these packs, whatever the partitions
        if (enginesAfterFirstRun < 0) {
            enginesAfterFirstRun = EngineSpec.enginesBuilt();
        } else {
            assertThat(EngineSpec.enginesBuilt()).isEqualTo(enginesAfterFirstRun);
        }
    }

    private static int enginesAfterFirstRun = -1;

    @Test
    void parquetInAndOutGiveTheDecisionsOfJsonLines() throws IOException {
        Path pq = dir.resolve("parquet-in");
        for (String kind : List.of("households", "businesses", "villages", "counties")) {
            // several part files (rows keep their order): the summary's "first flagged" samples follow the parts'
            // order, then the rows, as the lines of the one JSON Lines file
            spark.read().json(clean.resolve(kind + ".jsonl").toString()).write().option("maxRecordsPerFile", 150)
                    .parquet(pq.resolve(kind + ".parquet").toString());
        }
        Path cliClean = dir.resolve("cli-clean");
        assertThat(FuyuCli.run("evaluate", "--input", clean.toString(), "--out", cliClean.toString(), "--as-of", AS_OF,
                "--quiet")).isZero();
        Path out = dir.resolve("spark-parquet");
        assertThat(job("--input", pq.toString(), "--format", "parquet", "--out", out.toString(), "--as-of", AS_OF,
                "--partitions", "2")).isZero();

        List<String> cliLines = Files.readAllLines(cliClean.resolve("decisions.jsonl"));
        List<String> expected = new ArrayList<>();
        for (String l : cliLines) {
            JsonNode d = JSON.readTree(l);
            expected.add(key(d.get("subjectType").asText(), d.get("subjectId").asText(), d.get("code").asText(),
                    d.get("outcome").asText(), d.hasNonNull("amountYuan") ? d.get("amountYuan").asLong() : null,
                    d.get("reasons").size(), d.get("reasons").get(0).get("criterion").asText()));
        }
        List<String> actual = new ArrayList<>();
        for (Row r : spark.read().parquet(out.resolve("decisions").toString()).collectAsList()) {
            List<Row> reasons = r.getList(r.fieldIndex("reasons"));
            actual.add(key(r.getAs("subjectType"), r.getAs("subjectId"), r.getAs("code"), r.getAs("outcome"),
                    r.isNullAt(r.fieldIndex("amountYuan")) ? null : r.getAs("amountYuan"), reasons.size(),
                    reasons.get(0).getAs("criterion")));
        }
        assertThat(sorted(actual)).isEqualTo(sorted(expected));
        assertThat(spark.read().parquet(out.resolve("errors").toString()).count()).isZero();
        JsonNode files = JSON.readTree(out.resolve("summary.json").toFile()).get("files");
        assertThat(files.get("households.parquet").get("evaluated").asLong()).isEqualTo(400);
        assertThat(withoutFiles(withoutManifest(out.resolve("summary.json"))))
                .isEqualTo(withoutFiles(withoutManifest(cliClean.resolve("summary.json"))));
    }

    @Test
    void aReformComparedOnSparkHasTheNumbersOfFuyuCompare() throws IOException {
        String reform = Path.of("..", "reforms", "low-income-line-15000.yaml").toString();
        Path cli = dir.resolve("cli-compare");
        assertThat(FuyuCli.run("compare", "--input", dirty.toString(), "--reform", reform, "--out", cli.toString(),
                "--as-of", "2025-06-30")).isZero();
        Path out = dir.resolve("spark-compare");
        assertThat(job("--input", dirty.toString(), "--reform", reform, "--out", out.toString(), "--as-of", "2025-06-30",
                "--partitions", "3")).isZero();

        JsonNode expected = JSON.readTree(cli.resolve("comparison.json").toFile());
        JsonNode actual = JSON.readTree(out.resolve("comparison.json").toFile());
        assertThat(actual).isEqualTo(expected);
        assertThat(expected.get("households").get("winners").get("count").asLong()).isPositive();
        assertThat(sorted(partLines(out.resolve("changes")))).isEqualTo(sorted(Files.readAllLines(cli.resolve("changes.jsonl"))));
        assertThat(sorted(partLines(out.resolve("errors")))).isEqualTo(sorted(Files.readAllLines(cli.resolve("errors.jsonl"))));
    }

    @Test
    void aBrokenPackStopsTheRunWithFileAndLine(@TempDir Path packs) throws IOException {
        Path pack = copyShippedPack("micro-loan", packs);
        Path rules = pack.resolve("micro-loan.rules.yaml");
        Files.writeString(rules, Files.readString(rules).replaceFirst("credit\\.dishonestDebtor", "credit.dishonestDebtr"));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = FuyuSparkJob.run(new String[] {"--input", clean.toString(), "--out", dir.resolve("never").toString(),
            "--as-of", AS_OF, "--rules", packs.toString()}, System.out, new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("micro-loan.rules.yaml:").contains("dishonestDebtr");
        assertThat(dir.resolve("never").resolve("decisions")).doesNotExist();
    }

    @Test
    void aDirectoryPackIsAddedToTheShippedOnesAndReplacesTheOneWithItsIdAsInEvaluate(@TempDir Path packs) throws IOException {
        // a county's copy of micro-loan (as it ships): it replaces the shipped one, the other four shipped packs still decide
        copyShippedPack("micro-loan", packs);
        Path cli = dir.resolve("cli-rules");
        Path out = dir.resolve("spark-rules");
        evaluateBothWithRules(packs, cli, out);
        List<String> cliDecisions = sorted(Files.readAllLines(cli.resolve("decisions.jsonl")));
        assertThat(sorted(partLines(out.resolve("decisions")))).isEqualTo(cliDecisions);
        JsonNode sp = withoutManifest(out.resolve("summary.json"));
        assertThat(sp).isEqualTo(withoutManifest(cli.resolve("summary.json")));
        assertThat(sp.get("packs").findValuesAsText("id"))
                .containsExactly("low-income-relief", "entrepreneurship-grants", "collective-income", "prosperity-targets",
                        "micro-loan");
        assertThat(sp.get("notes").get(0).asText()).contains("pack micro-loan: the directory", "replaces the shipped pack");
        assertThat(cliDecisions).anyMatch(l -> l.contains("\"LOW_INCOME_TOP_UP\"")).anyMatch(l -> l.contains("\"micro-loan\""));
    }

    @Test
    void aCodeWhoseParameterHasNoValueOnTheDateIsUndecidedAsInEvaluate(@TempDir Path packs) throws IOException {
        // a county pack whose bonus starts in 2025, run as of 2024: every household's COUNTY_BONUS is an error line with
        // code and parameter, its other decisions (and the shipped packs') are made, and the summary notes the count
        Path pack = packs.resolve("county-bonus");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("pack.yaml"), "id: county-bonus\nversion: 1.0.0\ntitle: County bonus\ncodes:\n"
                + "  - {code: COUNTY_BONUS, subject: HOUSEHOLD}\n");
        Files.writeString(pack.resolve("parameters.yaml"), "county.bonus:\n  description: bonus\n  unit: yuan\n"
                + "  reference: county notice\n  values:\n    2025-01-01: 600\n");
        Files.writeString(pack.resolve("bonus.rules.yaml"), "decisions:\n  COUNTY_BONUS:\n    subject: household\n"
                + "    citation: \"county notice §1\"\n    require: memberCount >= 1\n    grant: county.bonus\n");
        Path cli = dir.resolve("cli-undecided");
        Path out = dir.resolve("spark-undecided");
        evaluateBothWithRules(packs, cli, out);
        List<String> cliErrors = sorted(Files.readAllLines(cli.resolve("errors.jsonl")));
        assertThat(cliErrors).hasSize(400).allMatch(l -> l.contains("\"code\":\"COUNTY_BONUS\"")
                && l.contains("\"parameter\":\"county.bonus\""));
        assertThat(sorted(partLines(out.resolve("errors")))).isEqualTo(cliErrors);
        assertThat(sorted(partLines(out.resolve("decisions")))).isEqualTo(sorted(Files.readAllLines(cli.resolve("decisions.jsonl"))));
        JsonNode sp = withoutManifest(out.resolve("summary.json"));
        assertThat(sp).isEqualTo(withoutManifest(cli.resolve("summary.json")));
        assertThat(sp.get("notes").toString()).contains("400 households did not get COUNTY_BONUS");
    }

    /** {@code fuyu evaluate} into {@code cli} and the Spark job (2 partitions) into {@code out}, both with {@code --rules packs}. */
    private static void evaluateBothWithRules(Path packs, Path cli, Path out) {
        assertThat(FuyuCli.run("evaluate", "--input", clean.toString(), "--out", cli.toString(), "--as-of", AS_OF,
                "--rules", packs.toString(), "--quiet")).isZero();
        assertThat(job("--input", clean.toString(), "--out", out.toString(), "--as-of", AS_OF, "--rules", packs.toString(),
                "--partitions", "2")).isZero();
    }

    /** A copy of a shipped pack's source files (as policy staff get it) in {@code into/<id>}. */
    private static Path copyShippedPack(String id, Path into) throws IOException {
        Path src = Path.of("..", "policy-rules", "src", "main", "resources", "packs", id);
        Path pack = into.resolve(id);
        Files.createDirectories(pack);
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, pack.resolve(f.getFileName()));
            }
        }
        return pack;
    }

    private static String key(Object... parts) {
        return java.util.Arrays.toString(parts);
    }

    private static JsonNode withoutManifest(Path summary) throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(summary.toFile());
        n.remove("manifest");
        return n;
    }

    private static JsonNode withoutFiles(JsonNode n) {
        ((ObjectNode) n).remove("files");
        return n;
    }

    private static List<String> partLines(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(dir)) {
            for (Path p : parts.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        return lines;
    }

    private static List<String> sorted(List<String> lines) {
        List<String> s = new ArrayList<>(lines);
        s.sort(null);
        return s;
    }
}
