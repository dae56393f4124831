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
            GenerateCommand.class,
            BenchCommand.class,
            ReportCommand.class,
            ServeCommand.class,
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
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new FuyuCli());
        cl.setExecutionExceptionHandler(new CliErrors());
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
