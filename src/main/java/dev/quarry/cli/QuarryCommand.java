package dev.quarry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command. With no sub-command it serves the API, as {@code serve} does. */
@Command(
        name = "quarry",
        mixinStandardHelpOptions = true,
        versionProvider = QuarryCommand.Version.class,
        description = "A Prisma schema turned into a PostgreSQL database, a REST/JSON API and its OpenAPI description.",
        subcommands = {
            ServeCommand.class,
            ValidateCommand.class,
            FormatCommand.class,
            MigrateCommand.class,
            DbCommand.class,
            InitCommand.class,
            GenerateCommand.class,
            ErdCommand.class,
            CommandLine.HelpCommand.class
        })
public final class QuarryCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return new ServeCommand().call();
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new QuarryCommand());
        commandLine.setExecutionExceptionHandler(new UserErrorHandler());
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = QuarryCommand.class.getPackage().getImplementationVersion();
            return new String[] {"quarry " + (version == null ? "(development build)" : version)};
        }
    }
}
