package org.fuyu.policy.packs.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fuyu.policy.packs.lang.PackCompiler.Fn;
import org.fuyu.policy.packs.lang.RulesFile.DecisionDecl;
import org.fuyu.policy.packs.lang.Schema.Scope;

/**
 * The DRL rules of one decision. Without {@code granted(...)}: a rule whose {@code when} holds
 * every precondition, candidate condition and criterion (it fires only for subjects that get the
 * code), a denial rule for candidates that fail a criterion (only when denials are asked for),
 * and, for county and village decisions, rules that note why a decision was not made. A decision
 * that reads another decision of its case is one rule that checks those conditions in its
 * consequence, after the decisions it reads.
 */
final class DecisionRules {
    private final PackCompiler pc;
    private final DecisionDecl d;
    private final Scope subject;
    private final int idx;
    private final List<PackCompiler.Part> only;
    private final List<PackCompiler.Part> cands;
    private final List<PackCompiler.Part> reqs;
    private final String amount;
    private final List<String> leaves;
    private final String name;
    private final Set<String> reads = new LinkedHashSet<>();

    DecisionRules(PackCompiler pc, DecisionDecl d, Scope subject, int idx, List<PackCompiler.Part> only,
                  List<PackCompiler.Part> cands, List<PackCompiler.Part> reqs, String amount, List<String> leaves,
                  Set<String> reads) {
        this.pc = pc;
        this.d = d;
        this.subject = subject;
        this.idx = idx;
        this.only = only;
        this.cands = cands;
        this.reqs = reqs;
        this.amount = amount;
        this.leaves = leaves;
        this.name = d.ruleName().equals(d.code()) ? d.code() : d.code() + " row " + d.line();
        this.reads.addAll(reads);
    }

    void emit() {
        Fn undefined = leaves.isEmpty() ? null : undefinedFunction();
        boolean dynamic = any(only) || any(cands) || any(reqs);
        String guard = PackCompiler.guard("d" + idx); // decided only when every parameter it reads has a value
        if (dynamic) {
            List<String> outer = new ArrayList<>();
            List<String> inner = new ArrayList<>();
            outer.add(guard);
            place(only, outer, inner);
            List<String> dynChecks = new ArrayList<>();
            for (PackCompiler.Part p : cands) {
                if (p.dynamic()) {
                    dynChecks.add(PackCompiler.call(p.when(), "$"));
                } else {
                    (p.inner() ? inner : outer).add(PackCompiler.call(p.when(), p.inner() ? "inner" : "this"));
                }
            }
            defined(undefined, outer, inner, "== null");
            String body = "    " + builder() + ";";
            body = locals() + body;
            if (!dynChecks.isEmpty()) {
                body = "    if (" + String.join(" && ", dynChecks) + ") {\n    " + body + "\n    }";
            }
            pc.rule(name, reads, patterns(outer, inner), body);
            return;
        }
        boolean target = d.result().equals("target");
        // the rule that grants (or flags, or decides a target)
        List<String> outer = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        outer.add(guard);
        place(only, outer, inner);
        defined(undefined, outer, inner, "== null");
        place(cands, outer, inner);
        if (!target) {
            place(reqs, outer, inner);
        }
        pc.rule(name, reads, patterns(outer, inner),
                locals() + (target ? "    " + builder() + ";" : "    Rt.expect(" + builder() + ", kcontext);"));
        // the denial: a candidate failing at least one criterion, when denials are asked for
        if (!target && !reqs.isEmpty()) {
            List<String> o = new ArrayList<>();
            List<String> i = new ArrayList<>();
            o.add(guard);
            o.add("explainDenials");
            place(only, o, i);
            defined(undefined, o, i, "== null");
            place(cands, o, i);
            boolean anyInner = reqs.stream().anyMatch(PackCompiler.Part::inner);
            List<String> all = new ArrayList<>();
            for (PackCompiler.Part p : reqs) {
                all.add(PackCompiler.call(p.when(), anyInner ? "inner" : "this"));
            }
            (anyInner ? i : o).add("!(" + String.join(" && ", all) + ")");
            pc.rule(name + " (denied)", reads, patterns(o, i), locals() + "    " + builder() + ";");
        }
        // a county or village decision that cannot be made: a note says why
        if (undefined != null && (subject == Scope.COUNTY || subject == Scope.VILLAGE)) {
            List<String> o = new ArrayList<>();
            List<String> i = new ArrayList<>();
            o.add(guard);
            place(only, o, i);
            defined(undefined, o, i, "!= null");
            String about = subject == Scope.VILLAGE ? ", $v" : "";
            pc.rule(name + " (not decided)", reads, patterns(o, i),
                    "    $k.undecided(kcontext, " + idx + about + ", " + PackCompiler.call(undefined, "$") + ");");
        }
        if (d.otherwiseEn() != null && subject == Scope.COUNTY && !only.isEmpty()) {
            List<String> all = new ArrayList<>();
            for (PackCompiler.Part p : only) {
                all.add(PackCompiler.call(p.when(), "this"));
            }
            pc.rule(name + " (otherwise)", reads, "    $k : CountyCase( " + guard + ", !(" + String.join(" && ", all) + ") )",
                    "    $k.noteOtherwise(kcontext, " + idx + ");");
        }
    }

    private static boolean any(List<PackCompiler.Part> parts) {
        for (PackCompiler.Part p : parts) {
            if (p.dynamic()) {
                return true;
            }
        }
        return false;
    }

    private void place(List<PackCompiler.Part> parts, List<String> outer, List<String> inner) {
        for (PackCompiler.Part p : parts) {
            if (p.inner()) {
                inner.add(PackCompiler.call(p.when(), "inner"));
            } else {
                outer.add(PackCompiler.call(p.when(), "this"));
            }
        }
    }

    private void defined(Fn undefined, List<String> outer, List<String> inner, String test) {
        if (undefined == null) {
            return;
        }
        boolean innerFn = subject.parent != null && undefined.vars().contains(subject.var);
        (innerFn ? inner : outer).add(PackCompiler.call(undefined, innerFn ? "inner" : "this") + " " + test);
    }

    private Fn undefinedFunction() {
        ExprCompiler.Ctx ctx = new ExprCompiler.Ctx(subject);
        ctx.used.addAll(ctx.vars);
        StringBuilder body = new StringBuilder("try {\n");
        for (String leaf : leaves) {
            body.append("        ").append(leaf).append(";\n");
        }
        body.append("        return null;\n    } catch (Undefined u) {\n        return Rt.reason(u);\n    }");
        return pc.function("String", ctx, body.toString());
    }

    private String patterns(List<String> outer, List<String> inner) {
        String outerType = subject.parent == null ? subject.javaType : subject.parent.javaType;
        String outerVar = subject.parent == null ? subject.var : subject.parent.var;
        StringBuilder sb = new StringBuilder("    $").append(outerVar).append(" : ").append(outerType).append("( ")
                .append(String.join(", ", outer)).append(" )");
        if (subject.parent != null) {
            String from = switch (subject) {
                case PERSON -> "$c.getMembers()";
                case BUSINESS -> "$c.getBusinesses()";
                default -> "$k.getVillages()";
            };
            sb.append("\n    $").append(subject.var).append(" : ").append(subject.javaType).append("( ")
                    .append(String.join(", ", inner)).append(" ) from ").append(from);
        }
        return sb.toString();
    }

    /** The local names the explanations use for the subject and its case. */
    private String locals() {
        StringBuilder sb = new StringBuilder();
        for (Scope s = subject; s != null; s = s.parent) {
            sb.insert(0, "    " + s.javaType + " " + s.var + " = $" + s.var + ";\n");
        }
        return sb.toString();
    }

    private String builder() {
        String caseVar = subject.parent == null ? subject.var : subject.parent.var;
        StringBuilder b = new StringBuilder("$").append(caseVar).append(".decide(kcontext, ").append(idx).append(')');
        if (subject.parent != null) {
            b.append(".about($").append(subject.var).append(')');
        }
        for (PackCompiler.Part p : cands) {
            b.append("\n        .when(").append(p.explain()).append(')');
        }
        for (PackCompiler.Part p : reqs) {
            b.append("\n        .require(").append(p.explain()).append(')');
        }
        switch (d.result()) {
            case "flag" -> b.append(".flag()");
            case "target" -> b.append(".target()");
            default -> b.append(amount == null ? ".grant()" : ".grant(" + amount + ")");
        }
        return b.toString();
    }
}
