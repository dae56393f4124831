package org.fuyu.policy.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fuyu.policy.Criterion;
import org.fuyu.policy.Decision;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.SubjectType;
import org.fuyu.policy.facts.HouseholdStatus;
import org.junit.jupiter.api.Test;

/** Decision lines are byte for byte what the fact mapper writes, and a failed line leaves nothing behind. */
class DecisionLinesTest {

    private static String jackson(Decision d) {
        return new String(DecisionLines.bytes(d), StandardCharsets.UTF_8) + "\n";
    }

    private static String lines(List<Decision> ds) {
        DecisionLines lines = new DecisionLines();
        ds.forEach(lines::add);
        return new String(lines.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void oddValuesAreWrittenAsTheMapperWritesThem() {
        Criterion odd = new Criterion("ratio", 0.1, "<", Map.of("k", 1), null, null, null, false, null);
        Criterion control = new Criterion("tab\there", "line\nbreak", "==", "\uD83D\uDE00", null, null, null, true, null);
        Decision a = decision(List.of(odd));
        Decision b = decision(List.of(control));
        assertThat(lines(List.of(a, b))).isEqualTo(jackson(a) + jackson(b));
    }

    @Test
    void aLineThatCannotBeWrittenLeavesNothingAndTheNextLineIsWhole() {
        Decision good = decision(List.of());
        Decision bad = decision(List.of(new Criterion("x", new Object(), "==", null, null, null, null, true, null)));
        DecisionLines lines = new DecisionLines();
        lines.add(good);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lines.add(bad)).isInstanceOf(IllegalStateException.class);
        lines.add(good);
        assertThat(new String(lines.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(jackson(good) + jackson(good));
    }

    private static Decision decision(List<Criterion> reasons) {
        return new Decision(SubjectType.PERSON, "P-1", "EDUCATION_FEE_WAIVER", Outcome.DENIED, null, "low-income-relief",
                "1.0.0+abc", "EDUCATION_FEE_WAIVER", reasons, null, LocalDate.of(2024, 6, 30));
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("aZ09 _.-\"\\/§三村×é\u2028\u007f").ofMaxLength(12)
                .injectNull(0.05);
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.bigDecimals().ofScale(2).between(new BigDecimal("-1e9"), new BigDecimal("1e9"))
                        .map(Object.class::cast),
                Arbitraries.of(new BigDecimal("1E+5"), new BigDecimal("0.000"), new BigDecimal("-0.5")).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                texts().filter(s -> s != null).map(Object.class::cast),
                Arbitraries.of(HouseholdStatus.class).map(Object.class::cast),
                Arbitraries.of(Set.of(), EnumSet.of(HouseholdStatus.MINIMUM_LIVING, HouseholdStatus.MONITORED))
                        .map(Object.class::cast),
                Arbitraries.of(List.of(1L, "x", true), new ArrayList<>(java.util.Arrays.asList(null, 2L))).map(Object.class::cast),
                Arbitraries.of(LocalDate.of(2022, 1, 1), LocalDate.of(1999, 12, 31)).map(Object.class::cast))
                .injectNull(0.1);
    }

    @Provide
    Arbitrary<Criterion> criteria() {
        Arbitrary<Criterion> leaf = Combinators.combine(texts(), values(), texts(), values(), texts(),
                        Arbitraries.of(LocalDate.of(2022, 1, 1)).injectNull(0.5),
                        Arbitraries.bigDecimals().ofScale(1).between(BigDecimal.ZERO, BigDecimal.TEN).injectNull(0.5),
                        Arbitraries.of(true, false))
                .as((name, actual, op, required, param, eff, gap, passed) ->
                        new Criterion(name, actual, op, required, param, eff, gap, passed, null));
        return Arbitraries.oneOf(leaf, leaf.list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> new Criterion("any", true, "any of", null, null, null, null, true, parts)));
    }

    @Provide
    Arbitrary<Decision> decisions() {
        return Combinators.combine(Arbitraries.of(SubjectType.class), texts(), Arbitraries.of(Outcome.class),
                        Arbitraries.longs().between(0, 10_000_000).injectNull(0.5), texts(), criteria().list().ofMaxSize(4),
                        texts(), Arbitraries.of(LocalDate.of(2024, 6, 30)))
                .as((type, id, outcome, amount, text, reasons, citation, asOf) ->
                        new Decision(type, id, "CODE", outcome, amount, "pack", text, "rule", reasons, citation, asOf));
    }

    @Property(tries = 2_000)
    void sameBytesAsTheMapper(@ForAll("decisions") Decision d) {
        assertThat(lines(List.of(d))).isEqualTo(jackson(d));
    }
}
