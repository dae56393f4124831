package org.fuyu.policy.packs.lang;

import java.math.BigDecimal;
import java.util.List;

/**
 * The syntax tree of one rule-language expression. Every node keeps where it starts in the
 * expression text ({@code line} 1-based, {@code column} 0-based) and its source text, which
 * explanations use as the criterion's label.
 */
sealed interface Ast {
    int line();

    int column();

    String text();

    record Num(int line, int column, String text, BigDecimal value) implements Ast {
    }

    record Bool(int line, int column, String text, boolean value) implements Ast {
    }

    /** {@code $} in a decision-table template: the cell's value. */
    record Placeholder(int line, int column, String text) implements Ast {
    }

    /** A name: a fact field, a derived value, a parameter, a counter or an enum value. */
    record Name(int line, int column, String text, List<String> parts) implements Ast {
        String dotted() {
            return String.join(".", parts);
        }
    }

    /** {@code fn(args)}, or {@code fn(collection where condition)}. */
    record Call(int line, int column, String text, String fn, List<Ast> args, Name collection, Ast where)
            implements Ast {
    }

    /** {@code -x} or {@code not x}. */
    record Unary(int line, int column, String text, String op, Ast operand) implements Ast {
    }

    /** Arithmetic ({@code + - * /}) and comparisons ({@code < <= > >= == != short}). */
    record Binary(int line, int column, String text, String op, Ast left, Ast right) implements Ast {
    }

    /** {@code a and b and c} / {@code a or b or c}. */
    record Logic(int line, int column, String text, String op, List<Ast> parts) implements Ast {
    }

    record Between(int line, int column, String text, Ast value, Ast low, Ast high, boolean negated) implements Ast {
    }

    record In(int line, int column, String text, Ast value, List<Ast> values, boolean negated) implements Ast {
    }

    /** {@code set has X} ({@code any} false) or {@code set has any [X, Y]}. */
    record Has(int line, int column, String text, Ast set, List<Ast> values, boolean any) implements Ast {
    }

    record If(int line, int column, String text, Ast condition, Ast then, Ast otherwise) implements Ast {
    }

    /** {@code n months}: a number of months to add to or take from a date. */
    record Months(int line, int column, String text, Ast count) implements Ast {
    }
}
