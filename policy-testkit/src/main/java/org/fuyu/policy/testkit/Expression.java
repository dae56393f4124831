package org.fuyu.policy.testkit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A small arithmetic expression over parameters and a subject's values, for amounts declared in
 * a pack's {@code properties.yaml}: {@code low_income.line × members − totalIncome}.
 * <p>
 * Numbers, names ({@code members}, {@code income.wage}, {@code low_income.line}), {@code + - * /}
 * (also {@code − × ÷}), parentheses, {@code min(a, b)} and {@code max(a, b)}. Exact decimal
 * arithmetic; division to 34 digits.
 */
public final class Expression {
    private sealed interface Node permits Num, Name, Neg, Bin, Call {
    }

    private record Num(BigDecimal value) implements Node {
    }

    private record Name(String name) implements Node {
    }

    private record Neg(Node inner) implements Node {
    }

    private record Bin(char op, Node left, Node right) implements Node {
    }

    private record Call(String function, List<Node> args) implements Node {
    }

    private final String text;
    private final Node root;

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /** @throws IllegalArgumentException saying where the text stops making sense */
    public static Expression parse(String text) {
        Parser p = new Parser(text);
        Node n = p.sum();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return new Expression(text, n);
    }

    /** Every name the expression reads. */
    public TreeSet<String> names() {
        TreeSet<String> out = new TreeSet<>();
        collect(root, out);
        return out;
    }

    /** The value, with each name's value from {@code lookup} (which throws for an unknown name). */
    public BigDecimal evaluate(Function<String, BigDecimal> lookup) {
        return eval(root, lookup);
    }

    public BigDecimal evaluate(Map<String, BigDecimal> values) {
        return evaluate(name -> {
            BigDecimal v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no value for '" + name + "' in " + text);
            }
            return v;
        });
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static void collect(Node n, TreeSet<String> out) {
        if (n instanceof Name nm) {
            out.add(nm.name());
        } else if (n instanceof Neg ng) {
            collect(ng.inner(), out);
        } else if (n instanceof Bin b) {
            collect(b.left(), out);
            collect(b.right(), out);
        } else if (n instanceof Call c) {
            c.args().forEach(a -> collect(a, out));
        }
    }

    private static BigDecimal eval(Node n, Function<String, BigDecimal> lookup) {
        if (n instanceof Num num) {
            return num.value();
        }
        if (n instanceof Name nm) {
            return lookup.apply(nm.name());
        }
        if (n instanceof Neg ng) {
            return eval(ng.inner(), lookup).negate();
        }
        if (n instanceof Bin b) {
            BigDecimal l = eval(b.left(), lookup);
            BigDecimal r = eval(b.right(), lookup);
            return switch (b.op()) {
                case '+' -> l.add(r);
                case '-' -> l.subtract(r);
                case '*' -> l.multiply(r);
                default -> l.divide(r, MathContext.DECIMAL128);
            };
        }
        Call c = (Call) n;
        BigDecimal a = eval(c.args().get(0), lookup);
        BigDecimal b = eval(c.args().get(1), lookup);
        return c.function().equals("min") ? a.min(b) : a.max(b);
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Node sum() {
            Node left = product();
            while (true) {
                skipSpace();
                char c = peek();
                if (c == '+' || c == '-' || c == '−') {
                    pos++;
                    left = new Bin(c == '+' ? '+' : '-', left, product());
                } else {
                    return left;
                }
            }
        }

        Node product() {
            Node left = unary();
            while (true) {
                skipSpace();
                char c = peek();
                if (c == '*' || c == '×' || c == '/' || c == '÷') {
                    pos++;
                    left = new Bin(c == '*' || c == '×' ? '*' : '/', left, unary());
                } else {
                    return left;
                }
            }
        }

        Node unary() {
            skipSpace();
            char c = peek();
            if (c == '-' || c == '−') {
                pos++;
                return new Neg(unary());
            }
            if (c == '(') {
                pos++;
                Node n = sum();
                expect(')');
                return n;
            }
            if (Character.isDigit(c)) {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                try {
                    return new Num(new BigDecimal(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw error("not a number: " + s.substring(start, pos));
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                        || s.charAt(pos) == '.')) {
                    pos++;
                }
                String name = s.substring(start, pos);
                skipSpace();
                if (peek() == '(') {
                    if (!name.equals("min") && !name.equals("max")) {
                        throw error("unknown function '" + name + "' (there are min and max)");
                    }
                    pos++;
                    List<Node> args = new ArrayList<>();
                    args.add(sum());
                    expect(',');
                    args.add(sum());
                    expect(')');
                    return new Call(name, args);
                }
                return new Name(name);
            }
            throw error(pos >= s.length() ? "the expression ends too soon" : "unexpected '" + c + "'");
        }

        void expect(char c) {
            skipSpace();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("in '" + s + "' at character " + (pos + 1) + ": " + message);
        }
    }
}
