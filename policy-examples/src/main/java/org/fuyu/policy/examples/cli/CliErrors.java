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
            cl.getErr().println(org.fuyu.policy.Lang.pick("fuyu：规则无法使用（改正下列问题后再运行；fuyu validate --rules DIR 可先检查）：",
                    "fuyu: the rules cannot be used (correct these and run again; fuyu validate --rules DIR checks them first):"));
            pe.problems().forEach(p -> cl.getErr().println("  " + p));
        } else if (ex instanceof UsageException || ex instanceof PolicyException) {
            cl.getErr().println("fuyu: " + ex.getMessage());
        } else {
            // not a Java toString: what failed, in words, and where to look
            cl.getErr().println(org.fuyu.policy.Lang.pick("fuyu：运行失败（" + ex.getClass().getSimpleName() + "）：" + ex.getMessage()
                            + "；请把这一行和所用的命令报告给维护人员",
                    "fuyu: the run failed (" + ex.getClass().getSimpleName() + "): " + ex.getMessage()
                            + "; please report this line and the command to the maintainers"));
        }
        return FAILED;
    }

    /** "--input X: not a directory", in the current language. */
    static UsageException notADirectory(String option, Object path) {
        return new UsageException(org.fuyu.policy.Lang.pick(option + " " + path + "：不是目录（请给出一个已有的目录）",
                option + " " + path + ": not a directory"));
    }

    /** "--params X: no such file", in the current language. */
    static UsageException noSuchFile(String option, Object path) {
        return new UsageException(org.fuyu.policy.Lang.pick(option + " " + path + "：文件不存在（请检查路径）",
                option + " " + path + ": no such file"));
    }

    /** Arguments that name something unusable (a missing directory, an unreadable file). */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
