package org.fuyu.policy.examples.cli;

import org.fuyu.policy.PolicyException;
import picocli.CommandLine;

/** Turns failures into a one-line message (a list for rule problems) and an exit code. */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    static final int FAILED = 1;

    /** A problem line without the Drools compiler's own text, which only a developer reads (--verbose). */
    static String plain(String line) {
        int i = line.indexOf("fuyu validate --show-drl: ");
        return i < 0 ? line : line.substring(0, i + "fuyu validate --show-drl".length())
                + " (the compiler's text with --verbose / 编译器原文见 --verbose)";
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        if (ex instanceof PolicyException pe && !pe.problems().isEmpty()) {
            cl.getErr().println("fuyu: the rules cannot be used:");
            pe.problems().forEach(p -> cl.getErr().println("  " + p));
        } else if (ex instanceof UsageException || ex instanceof PolicyException) {
            cl.getErr().println("fuyu: " + ex.getMessage());
        } else {
            cl.getErr().println("fuyu: " + ex);
        }
        return FAILED;
    }

    /** Arguments that name something unusable (a missing directory, an unreadable file). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
