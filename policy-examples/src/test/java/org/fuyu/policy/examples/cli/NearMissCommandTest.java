package org.fuyu.policy.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fuyu near-miss} and the report's near-miss section, with numbers worked out by hand (line 13000). */
class NearMissCommandTest {
    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    private Path input() throws IOException {
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        // N1: 13500 per person, 501 above the line. N2: 20000, 501 above 1.5 × 13000 (monitoring).
        // N3: identified, vehicle 101000, 1000 above the maximum. N4: 7001 above the line: too far.
        Files.writeString(in.resolve("households.jsonl"), """
                {"id":"N1","villageId":"V1","members":[{"id":"p1","age":40,"employed":true}],"income":{"wage":13500}}
                {"id":"N2","villageId":"V2","members":[{"id":"p1","age":40,"employed":true}],"income":{"wage":20000}}
                {"id":"N3","villageId":"V1","members":[{"id":"p1","age":40,"employed":true}],"income":{"wage":5000},"assets":{"vehicleValueYuan":101000}}
                {"id":"N4","villageId":"V2","members":[{"id":"p1","age":40,"employed":true}],"income":{"wage":20001,"transfer":0}}
                """);
        return in;
    }

    @Test
    void countsPerCodeAndVillageTheHouseholdsOneSmallChangeWouldQualify() throws IOException {
        Path out = tmp.resolve("out");
        CompareCommandTest.Result r = CompareCommandTest.fuyu("near-miss", "--lang", "en", "--input", input().toString(), "--out",
                out.toString(), "--as-of", "2024-06-30", "--within", "1000", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        // printed with each code's title from pack.yaml, as the other commands print codes
        assertThat(r.out()).contains("Top-up to the low-income line (LOW_INCOME_TOP_UP): 2 households in 1 villages");
        JsonNode s = json.readTree(out.resolve("near-miss.json").toFile());
        assertThat(s.get("withinYuan").asLong()).isEqualTo(1000);
        assertThat(s.get("householdsEvaluated").asLong()).isEqualTo(4);
        JsonNode codes = s.get("codes");
        // N1 (501 of wage) and N3 (1000 of vehicle value)
        assertThat(codes.get("LOW_INCOME_TOP_UP").get("households").asLong()).isEqualTo(2);
        assertThat(codes.get("LOW_INCOME_TOP_UP").get("byVillage").toString()).isEqualTo("{\"V1\":2}");
        assertThat(codes.get("LOW_INCOME_HOUSEHOLD").get("byVillage").toString()).isEqualTo("{\"V1\":1}");
        // N2 only: 20000 → at most 19499; N4 needs 502, also within 1000
        assertThat(codes.get("RETURN_TO_POVERTY_MONITORING").get("byVillage").toString()).isEqualTo("{\"V2\":2}");
        List<String> lines = Files.readAllLines(out.resolve("near-miss.jsonl"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("{\"householdId\":\"N1\"").contains("\"code\":\"LOW_INCOME_TOP_UP\"")
                .contains("\"sizeYuan\":501").contains("\"needed\":12999"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("{\"householdId\":\"N3\"")
                .contains("\"code\":\"LOW_INCOME_TOP_UP\"").contains("\"sizeYuan\":1000"));
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("\"householdId\":\"N4\"").contains("LOW_INCOME_TOP_UP"));
    }

    @Test
    void theReportHasANearMissSection() throws IOException {
        Path html = tmp.resolve("report.html");
        CompareCommandTest.Result r = CompareCommandTest.fuyu("report", "--input", input().toString(), "--out",
                html.toString(), "--as-of", "2024-06-30", "--near-miss-within", "1000", "-q");
        assertThat(r.exit()).as(r.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("id=\"near-miss\"").contains("data-code=\"LOW_INCOME_TOP_UP\">2<");
    }
}
