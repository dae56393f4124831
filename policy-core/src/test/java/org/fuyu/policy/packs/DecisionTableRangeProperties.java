package org.fuyu.policy.packs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.fuyu.policy.Problem;
import org.fuyu.policy.params.ParameterSet;
import org.fuyu.policy.testing.TestPacks;

/**
 * The range check of decision tables: bands that meet exactly are clean; moving one band's lower
 * bound up opens exactly one gap before it, moving it down makes exactly one overlap.
 */
class DecisionTableRangeProperties {
    private static final List<String> HEADER;

    static {
        try {
            List<String> lines = Files.readAllLines(TestPacks.resource("packs/tables/village-classification.drl.csv"),
                    StandardCharsets.UTF_8);
            HEADER = lines.subList(0, 9); // RuleSet .. column titles (rows 1-9)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(-1_000_000, 1_000_000).set().ofMinSize(1).ofMaxSize(7)
                .map(s -> new ArrayList<>(new TreeSet<>(s)));
    }

    /** Rows: below c0; [c0, c1); ...; at least cLast. Row i (0-based) lower bound is cuts[i-1]. */
    private static List<Problem> check(List<Integer> cuts, int shiftedRow, int shift) {
        StringBuilder csv = new StringBuilder(String.join("\n", HEADER)).append('\n');
        for (int i = 0; i <= cuts.size(); i++) {
            String low = i == 0 ? "" : String.valueOf(cuts.get(i - 1) + (i == shiftedRow ? shift : 0));
            String high = i == cuts.size() ? "" : String.valueOf(cuts.get(i));
            csv.append("BAND_").append(i).append(",x,BAND_").append(i).append(',').append(low).append(",,")
                    .append(high).append(",,flag,test\n");
        }
        PackResource r = new PackResource("bands.drl.csv", "bands.drl.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        return DecisionTables.check(r, ParameterSet.empty());
    }

    @Property(tries = 200)
    void bandsThatMeetAreClean(@ForAll("cuts") List<Integer> cuts) {
        assertThat(check(cuts, -1, 0)).isEmpty();
    }

    @Property(tries = 300)
    void movingOneLowerBoundOpensAGapOrMakesAnOverlapAtThatRow(@ForAll("cuts") List<Integer> cuts,
                                                               @ForAll @IntRange(min = 0, max = 1000) int pick,
                                                               @ForAll @IntRange(min = 1, max = 1_000_000) int magnitude,
                                                               @ForAll boolean up) {
        int row = 1 + pick % cuts.size();                 // a row with a lower bound (0-based)
        int low = cuts.get(row - 1);
        int prev = row >= 2 ? cuts.get(row - 2) : Integer.MIN_VALUE / 2;
        int next = row < cuts.size() ? cuts.get(row) : Integer.MAX_VALUE / 2;
        int shift = up ? Math.min(magnitude, next - low - 1) : -Math.min(magnitude, low - prev - 1);
        if (shift == 0) {
            return; // no room to move within its neighbours
        }
        List<Problem> problems = check(cuts, row, shift);
        int sheetRow = 10 + row;                          // data rows start at sheet row 10
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).line()).isEqualTo(sheetRow);
        assertThat(problems.get(0).message()).startsWith(shift > 0 ? "gap before row " + sheetRow : "rows " + (sheetRow - 1)
                + " and " + sheetRow + " overlap");
    }
}
