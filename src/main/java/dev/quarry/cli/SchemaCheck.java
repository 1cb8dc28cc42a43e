package dev.quarry.cli;

import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.diagnostics.DiagnosticRenderer;
import java.io.PrintStream;

/** Every command starts here: a schema with errors stops it before anything touches a database. */
final class SchemaCheck {

    private SchemaCheck() {}

    static SchemaResult requireValid(String location, PrintStream err) {
        SchemaResult result = SchemaSource.load(location);
        if (!result.diagnostics().isEmpty()) {
            err.println(DiagnosticRenderer.render(result.diagnostics()));
        }
        if (result.hasErrors()) {
            throw new UserError(
                    "the schema " + location + " has " + result.errors().size() + " error(s); see above");
        }
        return result;
    }
}
