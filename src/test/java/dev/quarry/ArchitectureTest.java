package dev.quarry;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules between the stage packages: packages follow the pipeline and dependencies point one way,
 * schema core → database → migrate, schema core → query (args → plan → sql → exec) → api, and nothing below api
 * imports Quarkus or JAX-RS. Each rule names a stage and the Quarry packages it may
 * use; libraries outside {@code dev.quarry} are free unless a rule says otherwise.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.quarry");
    }

    /** Classes of {@code stage} use no Quarry class outside {@code allowed} (each a package pattern). */
    private static ArchRule stage(String stage, String... allowed) {
        return classes()
                .that()
                .resideInAPackage(stage)
                .should()
                .onlyDependOnClassesThat(or(resideOutsideOfPackage("dev.quarry.."), resideInAnyPackage(allowed)))
                .because("dependencies between stages point one way, along the pipeline");
    }

    @Test
    void schemaDiagnosticsStandAlone() {
        stage("dev.quarry.schema.diagnostics..", "dev.quarry.schema.diagnostics..")
                .check(classes);
    }

    @Test
    void schemaSyntaxUsesOnlyDiagnostics() {
        stage("dev.quarry.schema.syntax..", "dev.quarry.schema.syntax..", "dev.quarry.schema.diagnostics..")
                .check(classes);
    }

    @Test
    void schemaFormatterWorksOnSyntax() {
        stage(
                        "dev.quarry.schema.format..",
                        "dev.quarry.schema.format..",
                        "dev.quarry.schema.syntax..",
                        "dev.quarry.schema.diagnostics..")
                .check(classes);
    }

    @Test
    void schemaModelIsTheResolvedSchemaAlone() {
        stage("dev.quarry.schema.model..", "dev.quarry.schema.model..", "dev.quarry.schema.diagnostics..")
                .check(classes);
    }

    @Test
    void schemaResolutionAndValidationUseOnlyTheSchemaCore() {
        stage("dev.quarry.schema.resolve..", "dev.quarry.schema..").check(classes);
        stage("dev.quarry.schema.validate..", "dev.quarry.schema..").check(classes);
    }

    @Test
    void theSchemaCoreUsesNoLaterStage() {
        stage("dev.quarry.schema..", "dev.quarry.schema..").check(classes);
    }

    @Test
    void theDatabaseShapeIsBuiltFromTheSchemaOnly() {
        stage("dev.quarry.database..", "dev.quarry.database..", "dev.quarry.schema..")
                .check(classes);
    }

    @Test
    void migrationStagesUseTheDatabaseShapeNotQueriesOrTheApi() {
        for (String stage : new String[] {"diff", "step", "render", "check", "pull"}) {
            stage(
                            "dev.quarry.migrate." + stage + "..",
                            "dev.quarry.migrate..",
                            "dev.quarry.database..",
                            "dev.quarry.schema..")
                    .check(classes);
        }
    }

    @Test
    void migrationStepsAreDataTheDifferProduces() {
        noClasses()
                .that()
                .resideInAPackage("dev.quarry.migrate.step..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.quarry.migrate.diff..", "dev.quarry.migrate.render..", "dev.quarry.migrate.check..")
                .because("the differ produces steps and the renderer and checks read them, not the other way round")
                .check(classes);
    }

    @Test
    void queryStagesUseNoRuntimeWiring() {
        noClasses()
                .that()
                .resideInAPackage("dev.quarry.query..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.quarry.runtime..")
                .because("the runtime wires the pools and caches the query stages use, so it sits above them")
                .check(classes);
    }

    @Test
    void queryArgumentsAreUnresolvedSyntax() {
        stage("dev.quarry.query.args..", "dev.quarry.query", "dev.quarry.query.args..")
                .check(classes);
    }

    @Test
    void queryPlansAreResolvedAgainstTheSchema() {
        stage(
                        "dev.quarry.query.plan..",
                        "dev.quarry.query",
                        "dev.quarry.query.args..",
                        "dev.quarry.query.plan..",
                        "dev.quarry.schema..")
                .check(classes);
    }

    @Test
    void sqlIsBuiltFromPlansOnly() {
        stage(
                        "dev.quarry.query.sql..",
                        "dev.quarry.query",
                        "dev.quarry.query.plan..",
                        "dev.quarry.query.sql..",
                        "dev.quarry.schema..")
                .check(classes);
    }

    @Test
    void argsPlansAndSqlRunNothing() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.quarry.query.args..", "dev.quarry.query.plan..", "dev.quarry.query.sql..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vertx..", "io.smallrye.mutiny..", "dev.quarry.query.exec..", "dev.quarry.query.write..")
                .because("query.exec is the one query stage that talks to PostgreSQL")
                .check(classes);
    }

    @Test
    void nothingBelowTheApiImportsQuarkusOrJaxRs() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.quarry.schema..", "dev.quarry.database..", "dev.quarry.migrate..", "dev.quarry.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.quarkus..", "jakarta.ws.rs..", "jakarta.enterprise..", "jakarta.inject..")
                .because("nothing below api imports Quarkus or JAX-RS")
                .check(classes);
    }

    @Test
    void nothingBelowTheApiUsesTheApiOrTheCommandLine() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.quarry.schema..", "dev.quarry.database..", "dev.quarry.migrate..", "dev.quarry.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.quarry.api..", "dev.quarry.cli..", "dev.quarry.security..", "dev.quarry.studio..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineUsesTheCommandLine() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.quarry.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.quarry.cli..")
                .check(classes);
    }
}
