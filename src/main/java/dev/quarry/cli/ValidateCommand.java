package dev.quarry.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Parses and validates the schema; prints every error with file:line:column and a caret under the "
                + "spot.")
final class ValidateCommand implements Callable<Integer> {

    @Option(
            names = "--schema",
            paramLabel = "PATH",
            description = "The schema file or folder (default: as Prisma finds it, see migrate --help).")
    String schema;

    @Override
    public Integer call() {
        String schema = Project.discover(Optional.ofNullable(this.schema), Optional.empty())
                .schema();
        var result = SchemaCheck.requireValid(schema, System.err);
        System.out.println("The schema at " + schema + " is valid"
                + (result.warnings().isEmpty()
                        ? "."
                        : ", with " + result.warnings().size() + " warning(s)."));
        return 0;
    }
}
