package org.fuyu.policy.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code fuyu} command line of the county host. Each sub-command is its own class; exit
 * codes: 0 the run completed (even with rejected records), 1 a check failed or the input was
 * unusable, 2 unusable arguments.
 */
@Command(name = "fuyu", mixinStandardHelpOptions = true, version = "fuyu 0.1.0",
        description = "Fuyu (富裕): rural subsidy and eligibility policy as Drools rule packs.",
        subcommands = {
            EvaluateCommand.class,
            CompareCommand.class,
            CheckCommand.class,
            DemoCommand.class,
            ValidateCommand.class,
            TestCommand.class,
            GenerateCommand.class,
            BenchCommand.class,
            ReportCommand.class,
            ServeCommand.class,
            ReplayCommand.class,
            NearMissCommand.class,
            CommandLine.HelpCommand.class
        })
public final class FuyuCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The language of messages, for every command (default: the system locale's). */
    @CommandLine.Option(names = "--lang", paramLabel = "zh|en", scope = CommandLine.ScopeType.INHERIT,
            description = "Language of messages: zh (中文) or en (English). Default: from the system locale.")
    void lang(String lang) {
        switch (lang.toLowerCase(java.util.Locale.ROOT)) {
            case "zh", "zh-cn", "cn" -> org.fuyu.policy.Lang.set(org.fuyu.policy.Lang.ZH);
            case "en" -> org.fuyu.policy.Lang.set(org.fuyu.policy.Lang.EN);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--lang " + lang + ": use zh or en (请用 zh 或 en)");
        }
    }

    public static void main(String[] args) {
        // UTF-8 on the console whatever the platform locale (LANG=C would turn 中文 into '?')
        System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                java.nio.charset.StandardCharsets.UTF_8));
        System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                java.nio.charset.StandardCharsets.UTF_8));
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        // each run starts from the system locale's language; --lang (on any command) changes it for the run
        org.fuyu.policy.Lang before = org.fuyu.policy.Lang.current();
        org.fuyu.policy.Lang.set(org.fuyu.policy.Lang.fromLocale(java.util.Locale.getDefault()));
        CommandLine cl = new CommandLine(new FuyuCli());
        cl.setExecutionExceptionHandler(new CliErrors());
        cl.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true));
        cl.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
        try {
            return cl.execute(args);
        } finally {
            cl.getOut().flush();
            cl.getErr().flush();
            org.fuyu.policy.Lang.set(before);
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
