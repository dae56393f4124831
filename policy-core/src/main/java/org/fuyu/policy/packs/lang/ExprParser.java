package org.fuyu.policy.packs.lang;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.fuyu.policy.Lang;
import org.fuyu.policy.packs.lang.FuyuRuleParser.*;

/**
 * Parses one expression with the generated ANTLR parser ({@code FuyuRule.g4}) and turns the
 * parse tree into an {@link Ast}. Syntax errors come back as plain-worded {@link Diagnostic}s
 * (what was found, what was expected), never as parser jargon.
 */
final class ExprParser {
    /** Full-width and look-alike characters a Chinese input method types, and their ASCII twins. */
    static final Map<Character, String> LOOK_ALIKES = Map.ofEntries(
            Map.entry('（', "("), Map.entry('）', ")"), Map.entry('＜', "<"), Map.entry('＞', ">"),
            Map.entry('＝', "="), Map.entry('，', ","), Map.entry('．', "."), Map.entry('＋', "+"),
            Map.entry('－', "-"), Map.entry('＊', "*"), Map.entry('／', "/"), Map.entry('［', "["),
            Map.entry('］', "]"), Map.entry('　', " "), Map.entry('；', ";"), Map.entry('：', ":"),
            Map.entry('≤', "<="), Map.entry('≥', ">="), Map.entry('≠', "!="), Map.entry('【', "["),
            Map.entry('】', "]"), Map.entry('“', "\""), Map.entry('”', "\""), Map.entry('。', "."));

    /** A problem at a position of the expression text: line 1-based, column 0-based. */
    record Diagnostic(int line, int column, String message) {
    }

    /** Thrown with every syntax problem of an expression. */
    static final class SyntaxError extends RuntimeException {
        final List<Diagnostic> diagnostics;

        SyntaxError(List<Diagnostic> diagnostics) {
            super(diagnostics.get(0).message(), null, false, false);
            this.diagnostics = List.copyOf(diagnostics);
        }
    }

    private ExprParser() {
    }

    static Ast parse(String text) {
        List<Diagnostic> problems = new ArrayList<>();
        FuyuRuleLexer lexer = new FuyuRuleLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        FuyuRuleParser parser = new FuyuRuleParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int col, String msg,
                                    RecognitionException e) {
                if (problems.size() < 3) {
                    problems.add(new Diagnostic(line, col, explain((Token) offending, parser)));
                }
            }
        });
        ExpressionContext tree = parser.expression();
        if (!problems.isEmpty()) {
            throw new SyntaxError(problems);
        }
        return new Builder(text).or(tree.orExpr());
    }

    private static String explain(Token t, FuyuRuleParser parser) {
        String found;
        String foundZh;
        if (t == null || t.getType() == Token.EOF) {
            found = "the end of the expression";
            foundZh = "表达式已结束";
        } else if (t.getType() == FuyuRuleLexer.OTHER) {
            String ch = t.getText();
            String twin = ch.length() == 1 ? LOOK_ALIKES.get(ch.charAt(0)) : null;
            if (twin != null) {
                return Lang.pick("全角或中文符号 '" + ch + "' 不能用在规则里，请改为半角 '" + twin + "'",
                        "the full-width character '" + ch + "' cannot be used in a rule; type the ASCII '" + twin + "' instead");
            }
            if (ch.equals("\"") || ch.equals("'")) {
                return Lang.pick("规则表达式里不能写引号字符串；请写字段、参数或数字",
                        "a rule expression has no quoted text; write a fact field, a parameter or a number");
            }
            return Lang.pick("字符 '" + ch + "' 不是规则语言的一部分", "the character '" + ch + "' is not part of the rule language");
        } else {
            found = "'" + t.getText() + "'";
            foundZh = "“" + t.getText() + "”";
            if (t.getType() == FuyuRuleLexer.LPAREN && t.getTokenIndex() > 0) {
                Token before = parser.getTokenStream().get(t.getTokenIndex() - 1);
                if (before.getType() == FuyuRuleLexer.NAME) {
                    return Lang.pick("'" + before.getText() + "(' 不是规则语言的函数；可用的函数只有 min、max、count、share、growth、granted",
                            "'" + before.getText() + "(' is not a function of the rule language; the functions are min, max,"
                                    + " count, share, growth and granted");
                }
            }
        }
        String expected = expected(parser.getExpectedTokens(), false);
        String expectedZh = expected(parser.getExpectedTokens(), true);
        return Lang.pick("此处应为" + expectedZh + "，却是" + foundZh, "found " + found + " where " + expected + " was expected");
    }

    private static String expected(IntervalSet set, boolean zh) {
        if (set.contains(FuyuRuleLexer.NAME) || set.contains(FuyuRuleLexer.NUMBER)) {
            return zh ? "一个值（数字、事实字段或参数）" : "a value (a number, a fact field or a parameter)";
        }
        List<String> words = new ArrayList<>();
        for (int type : set.toList()) {
            if (type == Token.EOF) {
                words.add(zh ? "表达式结束" : "the end of the expression");
            } else {
                String name = FuyuRuleLexer.VOCABULARY.getLiteralName(type);
                if (name != null) {
                    words.add(name.replace("'", zh ? "" : "'"));
                }
            }
        }
        if (words.isEmpty()) {
            return zh ? "一个运算符" : "an operator";
        }
        if (words.size() > 6) {
            return zh ? "一个运算符（如 <、>=、and、or）或右括号" : "an operator (such as <, >=, and, or) or a closing bracket";
        }
        return String.join(zh ? "、" : " or ", words);
    }

    /** Parse tree to syntax tree. */
    private record Builder(String source) {
        private String text(ParserRuleContext ctx) {
            int start = ctx.start.getStartIndex();
            int stop = ctx.stop == null ? start - 1 : ctx.stop.getStopIndex();
            return stop < start ? "" : source.substring(start, stop + 1).replaceAll("\\s+", " ").trim();
        }

        Ast or(OrExprContext c) {
            if (c.andExpr().size() == 1) {
                return and(c.andExpr(0));
            }
            List<Ast> parts = new ArrayList<>();
            c.andExpr().forEach(a -> parts.add(and(a)));
            return new Ast.Logic(c.start.getLine(), c.start.getCharPositionInLine(), text(c), "or", parts);
        }

        Ast and(AndExprContext c) {
            if (c.notExpr().size() == 1) {
                return not(c.notExpr(0));
            }
            List<Ast> parts = new ArrayList<>();
            c.notExpr().forEach(a -> parts.add(not(a)));
            return new Ast.Logic(c.start.getLine(), c.start.getCharPositionInLine(), text(c), "and", parts);
        }

        Ast not(NotExprContext c) {
            if (c.NOT() != null) {
                return new Ast.Unary(c.start.getLine(), c.start.getCharPositionInLine(), text(c), "not", not(c.notExpr()));
            }
            return predicate(c.predicate());
        }

        Ast predicate(PredicateContext c) {
            Ast left = sum(c.sum());
            PredicateTailContext tail = c.predicateTail();
            if (tail == null) {
                return left;
            }
            int line = c.start.getLine();
            int col = c.start.getCharPositionInLine();
            String t = text(c);
            if (tail instanceof CompareTailContext ct) {
                return new Ast.Binary(line, col, t, ct.op.getText().equals("=") ? "==" : ct.op.getText(), left, sum(ct.sum()));
            }
            if (tail instanceof ShortTailContext st) {
                return new Ast.Binary(line, col, t, "short", left, sum(st.sum()));
            }
            if (tail instanceof BetweenTailContext bt) {
                return new Ast.Between(line, col, t, left, sum(bt.sum(0)), sum(bt.sum(1)), bt.NOT() != null);
            }
            if (tail instanceof InTailContext it) {
                return new Ast.In(line, col, t, left, list(it.valueList()), it.NOT() != null);
            }
            if (tail instanceof HasAnyTailContext ht) {
                return new Ast.Has(line, col, t, left, list(ht.valueList()), true);
            }
            HasTailContext ht = (HasTailContext) tail;
            return new Ast.Has(line, col, t, left, List.of(sum(ht.sum())), false);
        }

        List<Ast> list(ValueListContext c) {
            List<Ast> out = new ArrayList<>();
            c.sum().forEach(s -> out.add(sum(s)));
            return out;
        }

        Ast sum(SumContext c) {
            Ast acc = product(c.product(0));
            for (int i = 1; i < c.product().size(); i++) {
                String op = c.sumOp(i - 1).getText();
                ProductContext right = c.product(i);
                acc = new Ast.Binary(c.start.getLine(), c.start.getCharPositionInLine(),
                        source.substring(c.start.getStartIndex(), right.stop.getStopIndex() + 1).replaceAll("\\s+", " ").trim(),
                        op, acc, product(right));
            }
            return acc;
        }

        Ast product(ProductContext c) {
            Ast acc = unary(c.unary(0));
            for (int i = 1; i < c.unary().size(); i++) {
                String op = c.productOp(i - 1).getText().equals("/") ? "/" : "*";
                UnaryContext right = c.unary(i);
                acc = new Ast.Binary(c.start.getLine(), c.start.getCharPositionInLine(),
                        source.substring(c.start.getStartIndex(), right.stop.getStopIndex() + 1).replaceAll("\\s+", " ").trim(),
                        op, acc, unary(right));
            }
            return acc;
        }

        Ast unary(UnaryContext c) {
            if (c.MINUS() != null) {
                return new Ast.Unary(c.start.getLine(), c.start.getCharPositionInLine(), text(c), "-", unary(c.unary()));
            }
            PostfixContext p = c.postfix();
            Ast a = atom(p.atom());
            return p.MONTHS() == null ? a : new Ast.Months(p.start.getLine(), p.start.getCharPositionInLine(), text(p), a);
        }

        Ast atom(AtomContext c) {
            int line = c.start.getLine();
            int col = c.start.getCharPositionInLine();
            String t = text(c);
            if (c instanceof NumberAtomContext) {
                return new Ast.Num(line, col, t, new BigDecimal(t));
            }
            if (c instanceof BoolAtomContext) {
                return new Ast.Bool(line, col, t, t.equals("true"));
            }
            if (c instanceof PlaceholderAtomContext) {
                return new Ast.Placeholder(line, col, t);
            }
            if (c instanceof IfAtomContext ic) {
                return new Ast.If(line, col, t, or(ic.orExpr(0)), or(ic.orExpr(1)), or(ic.orExpr(2)));
            }
            if (c instanceof PathAtomContext pc) {
                return name(pc.path());
            }
            if (c instanceof ParenAtomContext pc) {
                return or(pc.orExpr());
            }
            CallAtomContext call = (CallAtomContext) c;
            List<Ast> args = new ArrayList<>();
            Ast.Name collection = null;
            Ast where = null;
            for (ArgContext a : call.arg()) {
                if (a instanceof WhereArgContext w) {
                    collection = name(w.path());
                    where = or(w.orExpr());
                } else {
                    args.add(or(((PlainArgContext) a).orExpr()));
                }
            }
            return new Ast.Call(line, col, t, call.NAME().getText(), args, collection, where);
        }

        Ast.Name name(PathContext p) {
            List<String> parts = new ArrayList<>();
            for (TerminalNode n : p.NAME()) {
                parts.add(n.getText());
            }
            return new Ast.Name(p.start.getLine(), p.start.getCharPositionInLine(), text(p), List.copyOf(parts));
        }
    }
}
