package org.fuyu.policy.packs.lang;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fuyu.policy.Lang;
import org.fuyu.policy.internal.DidYouMean;
import org.fuyu.policy.packs.lang.Schema.Field;
import org.fuyu.policy.packs.lang.Schema.K;
import org.fuyu.policy.packs.lang.Schema.Scope;
import org.fuyu.policy.packs.lang.Schema.Ty;

/**
 * Type-checks rule-language expressions and writes the Java the generated DRL runs: a value
 * form for the constraints of a rule's {@code when} and an explanation form (criteria that name
 * the actual value, the operator, the required value and its parameter) for its consequence —
 * both from the same checked tree. Only names found in {@link Schema}, the pack's parameters,
 * derived values and counters, numbers the lexer read as digits, and enum constants that exist
 * reach the output.
 */
final class ExprCompiler {
    static final Set<String> FUNCTIONS = Set.of("min", "max", "count", "share", "growth", "granted");

    /** A derived value ({@code define:}) or a household counter ({@code counters:}) of the pack. */
    record Named(String name, Ast body, Src src) {
    }

    /** Where an expression came from. */
    record Src(String text, String file, int line, int column) {
    }

    /** A type or name error at a node of an expression (of another expression's source when {@code src} is set). */
    static final class CompileError extends RuntimeException {
        final Ast node;
        final Src src;

        CompileError(Ast node, Src src, String message) {
            super(message, null, false, false);
            this.node = node;
            this.src = src;
        }
    }

    /** A compiled value: its type, value-form and explanation-form Java, and what it depends on. */
    record V(Ty ty, String code, String x, boolean dynamic, List<String> params, List<String> basis,
             List<String> undefinedLeaves, String label) {
    }

    /** The scopes in force: outermost first; {@code used} collects the variables the code reads. */
    static final class Ctx {
        final List<Scope> scopes = new ArrayList<>();
        final List<String> vars = new ArrayList<>();
        final Set<String> used = new LinkedHashSet<>();
        final List<String> loopParams = new ArrayList<>();

        Ctx(Scope subject) {
            List<Scope> chain = new ArrayList<>();
            for (Scope s = subject; s != null; s = s.parent) {
                chain.add(0, s);
            }
            for (Scope s : chain) {
                scopes.add(s);
                vars.add(s.var);
            }
        }

        /** The same scopes with nothing used yet. */
        Ctx copy() {
            Ctx c = new Ctx(scopes.get(0));
            c.scopes.clear();
            c.vars.clear();
            c.scopes.addAll(scopes);
            c.vars.addAll(vars);
            return c;
        }

        Ctx child(Scope element, String var) {
            Ctx c = new Ctx(scopes.get(0));
            c.scopes.clear();
            c.vars.clear();
            c.scopes.addAll(scopes);
            c.vars.addAll(vars);
            c.scopes.add(element);
            c.vars.add(var);
            return c;
        }

        String caseVar() {
            return vars.get(0);
        }

        String varOf(Scope s) {
            for (int i = scopes.size() - 1; i >= 0; i--) {
                if (scopes.get(i) == s) {
                    used.add(vars.get(i));
                    return vars.get(i);
                }
            }
            return null;
        }
    }

    /** Receives generated helper functions; returns the function's name (the same body gets the same name). */
    interface Functions {
        String add(String returnType, String signature, String body);
    }

    private final String packId;
    private final Map<String, Named> defines;
    private final Map<String, Named> counters;
    private final Set<String> parameters;
    private final Set<String> codes;
    private final Functions functions;
    private final Set<String> expanding = new HashSet<>();
    /** The codes granted(...) read since the caller last cleared it. */
    final Set<String> grantedSeen = new LinkedHashSet<>();
    /** The parameters read since the caller last cleared it (through derived values, counts and counters too). */
    final Set<String> paramsSeen = new LinkedHashSet<>();
    private int loopDepth;

    ExprCompiler(String packId, Map<String, Named> defines, Map<String, Named> counters, Set<String> parameters,
                 Set<String> codes, Functions functions) {
        this.packId = packId;
        this.defines = defines;
        this.counters = counters;
        this.parameters = parameters;
        this.codes = codes;
        this.functions = functions;
    }

    // ------------------------------------------------------------------ values

    V value(Ast a, Ctx ctx) {
        if (a instanceof Ast.Num n) {
            BigDecimal v = n.value();
            if (v.scale() == 0 && v.precision() < 19) {
                return new V(Ty.LONG, v.longValue() + "L", "Long.valueOf(" + v.longValue() + "L)", false, List.of(),
                        List.of(), List.of(), n.text());
            }
            String lit = "new java.math.BigDecimal(\"" + v.toPlainString() + "\")";
            return new V(Ty.DEC, lit, lit, false, List.of(), List.of(), List.of(), n.text());
        }
        if (a instanceof Ast.Bool b) {
            return new V(Ty.BOOL, String.valueOf(b.value()), null, false, List.of(), List.of(), List.of(), b.text());
        }
        if (a instanceof Ast.Placeholder) {
            throw err(a, "'$' 只能用在决策表的表达式行里", "'$' can only be used in a decision table's expression row");
        }
        if (a instanceof Ast.Name n) {
            return name(n, ctx);
        }
        if (a instanceof Ast.Call c) {
            return call(c, ctx);
        }
        if (a instanceof Ast.Unary u) {
            V x = value(u.operand(), ctx);
            if (u.op().equals("not")) {
                want(u.operand(), x, K.BOOL);
                return new V(Ty.BOOL, "(!" + x.code() + ")", null, x.dynamic(), x.params(), x.basis(), x.undefinedLeaves(), u.text());
            }
            numberOnly(u.operand(), x);
            return new V(x.ty(), "Rt.neg(" + x.code() + ")", "Rt.xneg(" + x.x() + ")", x.dynamic(), x.params(), x.basis(),
                    x.undefinedLeaves(), u.text());
        }
        if (a instanceof Ast.Binary b) {
            return binary(b, ctx);
        }
        if (a instanceof Ast.Logic l) {
            List<String> parts = new ArrayList<>();
            List<V> vs = new ArrayList<>();
            for (Ast p : l.parts()) {
                V v = value(p, ctx);
                want(p, v, K.BOOL);
                parts.add(v.code());
                vs.add(v);
            }
            return combine(Ty.BOOL, "(" + String.join(l.op().equals("and") ? " && " : " || ", parts) + ")", null, vs, l.text());
        }
        if (a instanceof Ast.Between b) {
            V v = value(b.value(), ctx);
            V lo = value(b.low(), ctx);
            V hi = value(b.high(), ctx);
            String code;
            if (v.ty().k() == K.DATE) {
                want(b.low(), lo, K.DATE);
                want(b.high(), hi, K.DATE);
                code = "Rt.between(" + v.code() + ", " + lo.code() + ", " + hi.code() + ")";
            } else {
                numberOnly(b.value(), v);
                numberOnly(b.low(), lo);
                numberOnly(b.high(), hi);
                code = "(Rt.cmp(" + v.code() + ", " + lo.code() + ") >= 0 && Rt.cmp(" + v.code() + ", " + hi.code() + ") <= 0)";
            }
            return combine(Ty.BOOL, b.negated() ? "(!" + code + ")" : code, null, List.of(v, lo, hi), b.text());
        }
        if (a instanceof Ast.In in) {
            V v = value(in.value(), ctx);
            if (v.ty().k() != K.ENUM) {
                throw err(in.value(), "'in [...]' 的左边应为取值字段（如 credit.rating），这里是" + v.ty().words(true),
                        "the left of 'in [...]' must be a field with named values (such as credit.rating), not " + v.ty().words(false));
            }
            List<String> alts = new ArrayList<>();
            for (Ast e : in.values()) {
                alts.add("(" + v.code() + " == " + enumConstant(e, v.ty()) + ")");
            }
            String code = alts.isEmpty() ? "false" : "(" + String.join(" || ", alts) + ")";
            return combine(Ty.BOOL, in.negated() ? "(!" + code + ")" : code, null, List.of(v), in.text());
        }
        if (a instanceof Ast.Has h) {
            V set = value(h.set(), ctx);
            if (set.ty().k() != K.SET) {
                throw err(h.set(), "'has' 的左边应为集合字段（如 statuses），这里是" + set.ty().words(true),
                        "the left of 'has' must be a set field (such as statuses), not " + set.ty().words(false));
            }
            List<String> alts = new ArrayList<>();
            Ty element = Ty.enumOf(set.ty().enumClass());
            for (Ast e : h.values()) {
                alts.add(set.code() + ".contains(" + enumConstant(e, element) + ")");
            }
            String code = alts.isEmpty() ? "false" : "(" + String.join(" || ", alts) + ")";
            return combine(Ty.BOOL, code, null, List.of(set), h.text());
        }
        if (a instanceof Ast.If i) {
            V c = value(i.condition(), ctx);
            want(i.condition(), c, K.BOOL);
            V t = value(i.then(), ctx);
            V o = value(i.otherwise(), ctx);
            Ty ty = unify(i, t, o);
            String tc = promote(t, ty);
            String oc = promote(o, ty);
            String x = t.x() == null ? null : "(" + c.code() + " ? (Object) " + t.x() + " : (Object) " + o.x() + ")";
            return combine(ty, "(" + c.code() + " ? " + tc + " : " + oc + ")", x, List.of(c, t, o), i.text());
        }
        Ast.Months m = (Ast.Months) a;
        V n = value(m.count(), ctx);
        numberOnly(m.count(), n);
        return new V(Ty.MONTHS, n.code(), n.x(), n.dynamic(), n.params(), n.basis(), n.undefinedLeaves(), m.text());
    }

    private V name(Ast.Name n, Ctx ctx) {
        String name = n.dotted();
        Named def = defines.get(name);
        if (def != null) {
            if (!expanding.add(name)) {
                throw err(n, "派生值 '" + name + "' 引用了它自己", "the derived value '" + name + "' refers to itself");
            }
            try {
                V v = value(def.body(), ctx);
                return new V(v.ty(), v.code(), v.x(), v.dynamic(), v.params(), v.basis(), v.undefinedLeaves(), name);
            } catch (CompileError e) {
                throw e.src != null ? e : new CompileError(e.node, def.src(), e.getMessage());
            } finally {
                expanding.remove(name);
            }
        }
        Named counter = counters.get(name);
        if (counter != null && ctx.scopes.get(0) == Scope.COUNTY) {
            String k = ctx.varOf(Scope.COUNTY);
            String code = k + ".count(\"" + packId + ":" + name + "\")";
            return new V(Ty.LONG, code, "Long.valueOf(" + code + ")", false, List.of(), counterBasis(counter), List.of(), name);
        }
        for (int i = ctx.scopes.size() - 1; i >= 0; i--) {
            Field f = Schema.FIELDS.get(ctx.scopes.get(i)).get(name);
            if (f != null) {
                String code = java(f.java(), ctx);
                String x = switch (f.ty().k()) {
                    case LONG -> "Long.valueOf(" + code + ")";
                    case BOOL, COLL -> null;
                    default -> code;
                };
                return new V(f.ty(), code, x, false, List.of(), List.of(), f.undefinable() ? List.of(code) : List.of(), name);
            }
        }
        if (parameters.contains(name)) {
            paramsSeen.add(name);
            String c = ctx.caseVar();
            ctx.used.add(c);
            return new V(Ty.DEC, c + ".param(\"" + name + "\").value()", c + ".param(\"" + name + "\")", false,
                    List.of(name), List.of(), List.of(), name);
        }
        if (counter != null) {
            throw err(n, "计数器 '" + name + "' 只能在县级（county）决定里读取", "the counter '" + name + "' can only be read by a county decision");
        }
        if (name.matches("[A-Z][A-Z0-9_]*")) {
            throw err(n, "'" + name + "' 看起来是一个取值，但这里需要字段、参数或数字；取值写在 in [...]、has 或 == 的右边",
                    "'" + name + "' looks like a named value, but a field, parameter or number is needed here; named values go"
                            + " to the right of in [...], has or ==");
        }
        List<String> known = new ArrayList<>(defines.keySet());
        for (Scope s : ctx.scopes) {
            known.addAll(Schema.FIELDS.get(s).keySet());
        }
        known.addAll(parameters);
        String close = DidYouMean.closest(name, known);
        if (close == null && name.contains(".")) {
            String last = name.substring(name.lastIndexOf('.') + 1);
            close = known.contains(last) ? last : DidYouMean.closest(last, known);
        }
        String prefix = name.contains(".") ? name.substring(0, name.indexOf('.') + 1) : null;
        boolean looksLikeParam = name.contains("_") && !name.contains(".") ? false
                : prefix != null && parameters.stream().anyMatch(p -> p.startsWith(prefix));
        String zh = (looksLikeParam ? "没有参数文件定义参数 '" : "不认识的名字 '") + name + "'"
                + (close != null ? "，是不是 '" + close + "'？" : "") + "（可用：本主体的事实字段、派生值、参数）";
        String en = (looksLikeParam ? "no parameter file defines '" : "unknown name '") + name + "'"
                + (close != null ? "; did you mean '" + close + "'?" : "") + " (a rule may use the fact fields of its subject, derived values and parameters)";
        throw err(n, zh, en);
    }

    private List<String> counterBasis(Named counter) {
        Ctx probe = new Ctx(Scope.HOUSEHOLD);
        try {
            V v = value(counter.body(), probe);
            List<String> out = new ArrayList<>(v.params());
            out.addAll(v.basis());
            return List.copyOf(new LinkedHashSet<>(out));
        } catch (CompileError e) {
            return List.of(); // reported where the counter is checked
        }
    }

    private V call(Ast.Call c, Ctx ctx) {
        switch (c.fn()) {
            case "min", "max" -> {
                if (c.args().size() != 2 || c.collection() != null) {
                    throw err(c, c.fn() + "(a, b) 需要两个数", c.fn() + "(a, b) takes two numbers");
                }
                V a = value(c.args().get(0), ctx);
                V b = value(c.args().get(1), ctx);
                numberOnly(c.args().get(0), a);
                numberOnly(c.args().get(1), b);
                noFraction(c.args().get(0), a);
                noFraction(c.args().get(1), b);
                Ty ty = a.ty().k() == K.LONG && b.ty().k() == K.LONG ? Ty.LONG : Ty.DEC;
                return combine(ty, "Rt." + c.fn() + "(" + a.code() + ", " + b.code() + ")",
                        "Rt.x" + c.fn() + "(" + a.x() + ", " + b.x() + ")", List.of(a, b), c.text());
            }
            case "count", "share" -> {
                if (c.collection() == null && c.args().size() == 1 && c.args().get(0) instanceof Ast.Name only) {
                    return aggregate(c, only, null, ctx);
                }
                if (c.collection() == null || !c.args().isEmpty()) {
                    throw err(c, c.fn() + "(...) 的写法是 " + c.fn() + "(members where 条件)",
                            "write " + c.fn() + "(members where condition), e.g. count(members where employed)");
                }
                return aggregate(c, c.collection(), c.where(), ctx);
            }
            case "growth" -> {
                if (c.args().size() != 2 || c.collection() != null) {
                    throw err(c, "growth(本期, 上期) 需要两个数", "growth(current, previous) takes two numbers");
                }
                V a = value(c.args().get(0), ctx);
                V b = value(c.args().get(1), ctx);
                want(c.args().get(0), a, K.LONG);
                want(c.args().get(1), b, K.LONG);
                String code = "Rt.growth(" + a.code() + ", " + b.code() + ")";
                V v = combine(Ty.FRAC, code, code, List.of(a, b), c.text());
                return withLeaf(v, code);
            }
            case "granted" -> {
                if (c.args().size() != 1 || !(c.args().get(0) instanceof Ast.Name code) || c.collection() != null) {
                    throw err(c, "granted(代码) 需要本规则包的一个决定代码", "granted(CODE) takes one decision code of this pack");
                }
                if (!codes.contains(code.dotted())) {
                    String close = DidYouMean.closest(code.dotted(), codes);
                    throw err(code, "本规则包没有决定代码 '" + code.dotted() + "'" + (close != null ? "，是不是 '" + close + "'？" : ""),
                            "this pack decides no code '" + code.dotted() + "'" + (close != null ? "; did you mean '" + close + "'?" : ""));
                }
                grantedSeen.add(code.dotted());
                Scope innermost = ctx.scopes.get(ctx.scopes.size() - 1);
                if (innermost == Scope.VILLAGE && ctx.scopes.size() == 2) {
                    // a village decision reading another decision about the same village (its class, from a table)
                    String k = ctx.varOf(Scope.COUNTY);
                    String v = ctx.varOf(Scope.VILLAGE);
                    return new V(Ty.BOOL, k + ".granted(\"" + code.dotted() + "\", " + v + ".id())", null, true, List.of(),
                            List.of(), List.of(), c.text());
                }
                String h = ctx.varOf(Scope.HOUSEHOLD);
                if (h == null || innermost != Scope.HOUSEHOLD) {
                    throw err(c, "granted(...) 只能用在农户（household）或行政村（village）决定里",
                            "granted(...) can only be used by a household or a village decision");
                }
                return new V(Ty.BOOL, h + ".granted(\"" + code.dotted() + "\")", null, true, List.of(), List.of(), List.of(),
                        c.text());
            }
            default -> {
                String close = DidYouMean.closest(c.fn(), FUNCTIONS);
                throw err(c, "没有函数 '" + c.fn() + "'" + (close != null ? "，是不是 '" + close + "'？" : "")
                                + "（可用：min、max、count、share、growth、granted）",
                        "there is no function '" + c.fn() + "'" + (close != null ? "; did you mean '" + close + "'?" : "")
                                + " (functions: min, max, count, share, growth, granted)");
            }
        }
    }

    private V aggregate(Ast.Call c, Ast.Name collection, Ast where, Ctx ctx) {
        V coll = value(collection, ctx);
        if (coll.ty().k() != K.COLL) {
            throw err(collection, c.fn() + "(...) 要对一组对象计数（members、businesses、villages），'" + collection.dotted() + "' 不是",
                    c.fn() + "(...) counts a collection (members, businesses, villages); '" + collection.dotted() + "' is not one");
        }
        Scope element = coll.ty().element();
        String var = "e" + (++loopDepth);
        try {
            Ctx inner = ctx.child(element, var);
            V cond = where == null ? null : value(where, inner);
            if (cond != null) {
                want(where, cond, K.BOOL);
                if (cond.dynamic() || !cond.undefinedLeaves().isEmpty()) {
                    throw err(where, "计数条件里不能用 granted(...) 或可能缺失的县级数据", "a count's condition cannot use granted(...) or County fields that may be missing");
                }
            }
            Set<String> used = new LinkedHashSet<>(inner.used);
            used.remove(var);
            used.addAll(ctx.used);
            used.add(ctx.caseVar());
            String sig = signature(ctx, used);
            String body = "long n = 0; for (" + element.javaType + " " + var + " : " + coll.code() + ") { if ("
                    + (cond == null ? "true" : cond.code()) + ") { n++; } } return n;";
            String fn = functions.add("long", sig, body);
            String call = fn + "(" + args(ctx, used) + ")";
            ctx.used.addAll(used);
            List<String> basis = new ArrayList<>();
            if (cond != null) {
                basis.addAll(cond.params());
                basis.addAll(cond.basis());
            }
            basis = List.copyOf(new LinkedHashSet<>(basis));
            if (c.fn().equals("count")) {
                return new V(Ty.LONG, call, "Long.valueOf(" + call + ")", false, List.of(), basis, List.of(), c.text());
            }
            String code = "Rt.share(" + call + ", " + coll.code() + ".size())";
            return new V(Ty.FRAC, code, code, false, List.of(), basis, List.of(code), c.text());
        } finally {
            loopDepth--;
        }
    }

    private V binary(Ast.Binary b, Ctx ctx) {
        V l = value(b.left(), ctx);
        String op = b.op();
        if (l.ty().k() == K.ENUM && !op.matches("[-+*/]")) {
            if (!op.equals("==") && !op.equals("!=")) {
                throw err(b, "取值只能用 == 或 != 比较", "named values can only be compared with == or !=");
            }
            return combine(Ty.BOOL, "(" + l.code() + " " + op + " " + enumConstant(b.right(), l.ty()) + ")", null, List.of(l),
                    b.text());
        }
        V r = value(b.right(), ctx);
        switch (op) {
            case "+", "-" -> {
                if (l.ty().k() == K.DATE && r.ty().k() == K.MONTHS) {
                    String fn = op.equals("+") ? "plusMonths" : "minusMonths";
                    return combine(Ty.DATE, "Rt." + fn + "(" + l.code() + ", " + r.code() + ")",
                            "Rt.x" + fn + "(" + l.code() + ", " + r.x() + ")", List.of(l, r), b.text());
                }
                if (l.ty().k() == K.DATE || r.ty().k() == K.MONTHS) {
                    throw err(b, "日期只能加减月数：asOf - 36 months", "a date can only move by months: asOf - 36 months");
                }
                return arithmetic(b, l, r, op.equals("+") ? "add" : "sub");
            }
            case "*" -> {
                return arithmetic(b, l, r, "mul");
            }
            case "/" -> {
                numberOnly(b.left(), l);
                numberOnly(b.right(), r);
                noFraction(b.left(), l);
                noFraction(b.right(), r);
                String code = "Rt.div(" + l.code() + ", " + r.code() + ")";
                V v = combine(Ty.FRAC, code, "Rt.xdiv(" + l.x() + ", " + r.x() + ")", List.of(l, r), b.text());
                return withLeaf(v, code);
            }
            default -> {
                return comparison(b, l, r);
            }
        }
    }

    private V arithmetic(Ast.Binary b, V l, V r, String fn) {
        numberOnly(b.left(), l);
        numberOnly(b.right(), r);
        noFraction(b.left(), l);
        noFraction(b.right(), r);
        Ty ty = l.ty().k() == K.LONG && r.ty().k() == K.LONG ? Ty.LONG : Ty.DEC;
        return combine(ty, "Rt." + fn + "(" + l.code() + ", " + r.code() + ")", "Rt.x" + fn + "(" + l.x() + ", " + r.x() + ")",
                List.of(l, r), b.text());
    }

    private V comparison(Ast.Binary b, V l, V r) {
        String op = b.op().equals("short") ? "<" : b.op();
        K lk = l.ty().k();
        String code;
        if (l.ty().numeric() && r.ty().numeric() || lk == K.DATE && r.ty().k() == K.DATE) {
            code = "(Rt.cmp(" + l.code() + ", " + r.code() + ") " + op + " 0)";
        } else if (lk == K.ENUM && (op.equals("==") || op.equals("!="))) {
            code = "(" + l.code() + " " + op + " " + enumConstant(b.right(), l.ty()) + ")";
            return combine(Ty.BOOL, code, null, List.of(l), b.text());
        } else if (lk == K.BOOL && r.ty().k() == K.BOOL && (op.equals("==") || op.equals("!="))) {
            code = "(" + l.code() + " " + op + " " + r.code() + ")";
        } else {
            throw err(b, "不能比较" + l.ty().words(true) + "（" + b.left().text() + "）和" + r.ty().words(true) + "（"
                            + b.right().text() + "）",
                    "cannot compare " + l.ty().words(false) + " (" + b.left().text() + ") with " + r.ty().words(false) + " ("
                            + b.right().text() + ")");
        }
        return combine(Ty.BOOL, code, null, List.of(l, r), b.text());
    }

    // ------------------------------------------------------------------ criteria (explanations)

    /** Java building the {@code Criterion} that explains {@code a}, labelled {@code label} (or by its own text). */
    String criterion(Ast a, Ctx ctx, String label) {
        if (a instanceof Ast.Name n && defines.containsKey(n.dotted())) {
            Named def = defines.get(n.dotted());
            if (!expanding.add(n.dotted())) {
                throw err(n, "派生值 '" + n.dotted() + "' 引用了它自己", "the derived value '" + n.dotted() + "' refers to itself");
            }
            try {
                String lbl = label != null ? label : n.dotted();
                Ctx probe = ctx.copy();
                String code = criterion(def.body(), probe, lbl);
                ctx.used.addAll(probe.used);
                String cv = ctx.caseVar();
                boolean dynamic = value(def.body(), ctx.copy()).dynamic(); // granted(...) changes while a case is evaluated
                if (!dynamic && probe.used.size() == 1 && probe.used.contains(cv) && lbl.equals(n.dotted())) {
                    // a derived value of the case itself: worked out once per case and pack, then remembered
                    return "(" + cv + ".remembered(kcontext, \"" + lbl + "\") != null ? " + cv + ".remembered(kcontext, \""
                            + lbl + "\") : " + cv + ".remember(kcontext, \"" + lbl + "\", " + code + "))";
                }
                return code;
            } catch (CompileError e) {
                throw e.src != null ? e : new CompileError(e.node, def.src(), e.getMessage());
            } finally {
                expanding.remove(n.dotted());
            }
        }
        String lbl = label != null ? label : labelOf(a);
        if (a instanceof Ast.Logic l) {
            List<String> parts = new ArrayList<>();
            for (Ast p : l.parts()) {
                parts.add(criterion(p, ctx, null));
            }
            return "Rt." + (l.op().equals("or") ? "anyOf" : "allOf") + "(\"" + lbl + "\", " + String.join(", ", parts) + ")";
        }
        if (a instanceof Ast.Unary u && u.op().equals("not")) {
            if (u.operand() instanceof Ast.Name n && !defines.containsKey(n.dotted())) {
                V v = value(n, ctx);
                want(n, v, K.BOOL);
                return "Rt.isFalse(\"" + (label != null ? label : n.dotted()) + "\", " + v.code() + ")";
            }
            return "Rt.not(" + criterion(u.operand(), ctx, null) + ")";
        }
        if (a instanceof Ast.Binary b && !b.op().matches("[-+*/]")) {
            V l = value(b.left(), ctx);
            value(b, ctx); // type check
            V r = l.ty().k() == K.ENUM ? null : value(b.right(), ctx);
            String op = b.op().equals("short") ? "<" : b.op();
            if (l.ty().k() == K.ENUM || l.ty().k() == K.BOOL) {
                String req = l.ty().k() == K.ENUM ? enumConstant(b.right(), l.ty()) : r.code();
                return "Criteria.fixed(\"" + lbl + "\", " + l.code() + ", \"" + op + "\", " + req + ", (" + l.code() + " "
                        + op + " " + req + "))";
            }
            String basis = "null";
            if (r.params().isEmpty() && !l.basis().isEmpty()) {
                List<String> ps = new ArrayList<>();
                for (String p : l.basis()) {
                    ps.add(ctx.caseVar() + ".param(\"" + p + "\")");
                }
                ctx.used.add(ctx.caseVar());
                basis = "new Param[] {" + String.join(", ", ps) + "}";
            }
            return "Rt.compare(\"" + lbl + "\", \"" + op + "\", " + l.x() + ", " + r.x() + ", " + basis + ", "
                    + b.op().equals("short") + ")";
        }
        if (a instanceof Ast.Between b) {
            V v = value(b, ctx); // type check
            V x = value(b.value(), ctx);
            V lo = value(b.low(), ctx);
            V hi = value(b.high(), ctx);
            String c = "Rt.between(\"" + lbl + "\", " + x.x() + ", " + lo.x() + ", " + hi.x() + ")";
            return b.negated() ? "Rt.not(" + c + ")" : c;
        }
        if (a instanceof Ast.In in) {
            value(in, ctx);
            V v = value(in.value(), ctx);
            List<String> vals = new ArrayList<>();
            in.values().forEach(e -> vals.add(enumConstant(e, v.ty())));
            return "Rt." + (in.negated() ? "notIn" : "in") + "(\"" + lbl + "\", " + v.code() + ", java.util.List.of("
                    + String.join(", ", vals) + "))";
        }
        if (a instanceof Ast.Has h) {
            value(h, ctx);
            V set = value(h.set(), ctx);
            Ty element = Ty.enumOf(set.ty().enumClass());
            if (!h.any()) {
                return "Rt.has(\"" + lbl + "\", " + set.code() + ", " + enumConstant(h.values().get(0), element) + ")";
            }
            List<String> vals = new ArrayList<>();
            h.values().forEach(e -> vals.add(enumConstant(e, element)));
            return "Rt.hasAny(\"" + lbl + "\", " + set.code() + ", java.util.List.of(" + String.join(", ", vals) + "))";
        }
        V v = value(a, ctx);
        want(a, v, K.BOOL);
        return "Rt.isTrue(\"" + lbl + "\", " + v.code() + ")";
    }

    /** The label of a criterion: its left side's name, or its own text. */
    private String labelOf(Ast a) {
        Ast left = a;
        if (a instanceof Ast.Binary b) {
            left = b.left();
        } else if (a instanceof Ast.Between b) {
            left = b.value();
        } else if (a instanceof Ast.In in) {
            left = in.value();
        } else if (a instanceof Ast.Has h) {
            left = h.set();
        }
        return left instanceof Ast.Name n ? n.dotted() : left.text();
    }

    // ------------------------------------------------------------------ helpers

    /** The Java signature for functions reading these variables of {@code ctx}. */
    static String signature(Ctx ctx, Collection<String> used) {
        List<String> ps = new ArrayList<>();
        for (int i = 0; i < ctx.vars.size(); i++) {
            if (i == 0 || used.contains(ctx.vars.get(i))) {
                ps.add(ctx.scopes.get(i).javaType + " " + ctx.vars.get(i));
            }
        }
        return String.join(", ", ps);
    }

    static String args(Ctx ctx, Collection<String> used) {
        List<String> as = new ArrayList<>();
        for (int i = 0; i < ctx.vars.size(); i++) {
            if (i == 0 || used.contains(ctx.vars.get(i))) {
                as.add(ctx.vars.get(i));
            }
        }
        return String.join(", ", as);
    }

    private String java(String template, Ctx ctx) {
        String s = template;
        String[][] keys = {{"{H}", "HOUSEHOLD"}, {"{P}", "PERSON"}, {"{B}", "BUSINESS"}, {"{K}", "COUNTY"}, {"{V}", "VILLAGE"}};
        for (String[] k : keys) {
            if (s.contains(k[0])) {
                s = s.replace(k[0], ctx.varOf(Scope.valueOf(k[1])));
            }
        }
        return s;
    }

    private String enumConstant(Ast e, Ty ty) {
        if (!(e instanceof Ast.Name n) || n.parts().size() != 1) {
            throw err(e, "这里应为 " + Ty.values(ty.enumClass()) + " 之一", "expected one of " + Ty.values(ty.enumClass()) + " here");
        }
        String name = n.parts().get(0);
        for (Enum<?> c : ty.enumClass().getEnumConstants()) {
            if (c.name().equals(name)) {
                return ty.enumClass().getName().replace('$', '.') + "." + name;
            }
        }
        List<String> names = new ArrayList<>();
        for (Enum<?> c : ty.enumClass().getEnumConstants()) {
            names.add(c.name());
        }
        String close = DidYouMean.closest(name.toUpperCase(java.util.Locale.ROOT), names);
        throw err(e, "'" + name + "' 不是允许的取值；允许：" + String.join(", ", names) + (close != null ? "（是不是 " + close + "？）" : ""),
                "'" + name + "' is not an allowed value; allowed: " + String.join(", ", names)
                        + (close != null ? " (did you mean " + close + "?)" : ""));
    }

    private static V combine(Ty ty, String code, String x, List<V> parts, String label) {
        boolean dyn = false;
        List<String> params = new ArrayList<>();
        List<String> basis = new ArrayList<>();
        List<String> leaves = new ArrayList<>();
        for (V p : parts) {
            dyn |= p.dynamic();
            params.addAll(p.params());
            basis.addAll(p.basis());
            leaves.addAll(p.undefinedLeaves());
        }
        return new V(ty, code, x, dyn, List.copyOf(new LinkedHashSet<>(params)), List.copyOf(new LinkedHashSet<>(basis)),
                List.copyOf(new LinkedHashSet<>(leaves)), label);
    }

    private static V withLeaf(V v, String leaf) {
        List<String> leaves = new ArrayList<>(v.undefinedLeaves());
        leaves.add(leaf);
        return new V(v.ty(), v.code(), v.x(), v.dynamic(), v.params(), v.basis(), List.copyOf(leaves), v.label());
    }

    private Ty unify(Ast at, V a, V b) {
        if (a.ty().numeric() && b.ty().numeric()) {
            noFraction(at, a);
            noFraction(at, b);
            return a.ty().k() == K.LONG && b.ty().k() == K.LONG ? Ty.LONG : Ty.DEC;
        }
        if (a.ty().equals(b.ty()) && (a.ty().k() == K.BOOL || a.ty().k() == K.ENUM)) {
            return a.ty();
        }
        throw err(at, "if 的两个分支类型不同：" + a.ty().words(true) + " 和 " + b.ty().words(true),
                "the two branches of 'if' differ: " + a.ty().words(false) + " and " + b.ty().words(false));
    }

    private static String promote(V v, Ty ty) {
        return ty.k() == K.DEC && v.ty().k() == K.LONG ? "Rt.d(" + v.code() + ")" : v.code();
    }

    private void want(Ast at, V v, K k) {
        if (v.ty().k() != k) {
            Ty t = k == K.BOOL ? Ty.BOOL : k == K.LONG ? Ty.LONG : k == K.DATE ? Ty.DATE : Ty.DEC;
            throw err(at, "'" + at.text() + "' 是" + v.ty().words(true) + "，这里需要" + t.words(true),
                    "'" + at.text() + "' is " + v.ty().words(false) + ", but " + t.words(false) + " is needed here");
        }
    }

    private void numberOnly(Ast at, V v) {
        if (!v.ty().numeric()) {
            throw err(at, "'" + at.text() + "' 是" + v.ty().words(true) + "，这里需要数字",
                    "'" + at.text() + "' is " + v.ty().words(false) + ", but a number is needed here");
        }
    }

    private void noFraction(Ast at, V v) {
        if (v.ty().k() == K.FRAC) {
            throw err(at, "比率（" + at.text() + "）只能用来比较，不能再参与计算",
                    "a share or rate (" + at.text() + ") can only be compared, not used in further arithmetic");
        }
    }

    static CompileError err(Ast at, String zh, String en) {
        return new CompileError(at, null, Lang.pick(zh, en));
    }
}
