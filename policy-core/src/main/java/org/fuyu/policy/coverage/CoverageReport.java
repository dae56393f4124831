package org.fuyu.policy.coverage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fuyu.policy.Outcome;
import org.fuyu.policy.io.FactMapper;

/**
 * Which rules a set of cases reached, per pack (see {@link ProvisionCoverage} for what
 * "reached" means). {@link #text()} for people, {@link #json()} for tools.
 */
@JsonPropertyOrder({"rules", "reached", "packs"})
public record CoverageReport(List<PackCoverage> packs) {

    public CoverageReport {
        packs = List.copyOf(packs);
    }

    static CoverageReport of(List<RuleCoverage> rules) {
        Map<String, List<RuleCoverage>> byPack = new LinkedHashMap<>();
        rules.stream().sorted(Comparator.comparing(RuleCoverage::pack).thenComparing(RuleCoverage::packageName)
                        .thenComparing(RuleCoverage::rule, CoverageReport::naturalOrder))
                .forEach(r -> byPack.computeIfAbsent(r.pack(), k -> new ArrayList<>()).add(r));
        List<PackCoverage> packs = new ArrayList<>();
        byPack.forEach((pack, rs) -> packs.add(new PackCoverage(pack, rs.get(0).packVersion(), rs)));
        return new CoverageReport(packs);
    }

    /** Coverage of one pack. */
    @JsonPropertyOrder({"pack", "version", "rules", "reached", "ruleCoverage"})
    public record PackCoverage(String pack, String version, @JsonIgnore List<RuleCoverage> ruleList) {
        public PackCoverage {
            ruleList = List.copyOf(ruleList);
        }

        @JsonProperty("rules")
        public int ruleCount() {
            return ruleList.size();
        }

        @JsonProperty("reached")
        public int reachedCount() {
            return (int) ruleList.stream().filter(RuleCoverage::reached).count();
        }

        @JsonProperty("ruleCoverage")
        public List<RuleCoverage> rulesForJson() {
            return ruleList;
        }
    }

    /**
     * One rule: how often it fired and the decisions it made, by outcome.
     *
     * @param source the rule file (a {@code .drl} or a decision table)
     * @param decisionTableRow whether the rule is one row of a decision table
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"rule", "reached", "citation", "packageName", "source", "decisionTableRow", "decides", "firings",
            "decisions"})
    public record RuleCoverage(@JsonIgnore String pack, @JsonIgnore String packVersion, String packageName, String rule,
                               String citation, String source, boolean decisionTableRow, boolean decides, long firings,
                               Map<Outcome, Long> decisions) {
        public RuleCoverage {
            decisions = Map.copyOf(decisions);
        }

        /** A deciding rule is reached when it made a decision that is not a denial; another rule when it fired. */
        @JsonProperty("reached")
        public boolean reached() {
            if (firings == 0) {
                return false;
            }
            if (!decides) {
                return true;
            }
            return decisions.entrySet().stream().anyMatch(e -> e.getKey() != Outcome.DENIED && e.getValue() > 0);
        }

        String why() {
            if (firings == 0) {
                return "never fired";
            }
            if (!reached()) {
                return "fired " + firings + "× but never decided anything but a denial";
            }
            if (!decides) {
                return "fired " + firings + "× (makes no decisions)";
            }
            StringBuilder sb = new StringBuilder("fired " + firings + "×");
            decisions.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> sb.append(", ").append(e.getKey()).append(' ').append(e.getValue()));
            return sb.toString();
        }
    }

    @JsonProperty("rules")
    public int ruleCount() {
        return packs.stream().mapToInt(PackCoverage::ruleCount).sum();
    }

    @JsonProperty("reached")
    public int reachedCount() {
        return packs.stream().mapToInt(PackCoverage::reachedCount).sum();
    }

    /** Every rule not reached, in pack order. */
    @JsonIgnore
    public List<RuleCoverage> unreached() {
        return packs.stream().flatMap(p -> p.ruleList().stream()).filter(r -> !r.reached()).toList();
    }

    /** Every rule, in pack order. */
    @JsonIgnore
    public List<RuleCoverage> rules() {
        return packs.stream().flatMap(p -> p.ruleList().stream()).toList();
    }

    /** A report for people: per pack, every rule with its citation, reached (✓) or not (✗). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("provision coverage: ").append(reachedCount()).append(" of ").append(ruleCount())
                .append(" rules reached\n");
        for (PackCoverage p : packs) {
            sb.append("  ").append(p.pack());
            if (p.version() != null) {
                sb.append(' ').append(p.version());
            }
            sb.append(": ").append(p.reachedCount()).append(" of ").append(p.ruleCount()).append('\n');
            for (RuleCoverage r : p.ruleList()) {
                sb.append("    ").append(r.reached() ? "✓ " : "✗ ").append(r.rule());
                if (r.decisionTableRow()) {
                    sb.append(" (table row, ").append(r.source()).append(')');
                }
                sb.append("  [").append(r.citation() == null ? "no citation" : r.citation()).append("]  ")
                        .append(r.why()).append('\n');
            }
        }
        return sb.toString();
    }

    /** The report as pretty-printed JSON. */
    public String json() {
        try {
            return FactMapper.get().writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Orders {@code Table_9} before {@code Table_10}. */
    private static int naturalOrder(String a, String b) {
        int i = common(a, b);
        String ra = a.substring(i);
        String rb = b.substring(i);
        if (!ra.isEmpty() && !rb.isEmpty() && Character.isDigit(ra.charAt(0)) && Character.isDigit(rb.charAt(0))) {
            String da = ra.replaceAll("^(\\d+).*", "$1");
            String db = rb.replaceAll("^(\\d+).*", "$1");
            if (da.length() != db.length()) {
                return Integer.compare(da.length(), db.length());
            }
        }
        return a.compareTo(b);
    }

    private static int common(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i) && !Character.isDigit(a.charAt(i))) {
            i++;
        }
        return i;
    }
}
