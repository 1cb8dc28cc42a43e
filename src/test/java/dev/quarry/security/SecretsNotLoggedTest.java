package dev.quarry.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.cli.QuarryCommand;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Database passwords appear in no log line (start-up, statements, connection failures), no answer and no CLI
 * error: the service runs with a password on its primary database and a read replica that refuses connections,
 * logging everything at DEBUG to a file this test then reads.
 */
@QuarkusTest
@TestProfile(SecretsNotLoggedTest.WithPasswords.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "secrets")
        })
class SecretsNotLoggedTest {

    static final String PRIMARY_SECRET = "Primary-Pa55-" + "never-shown";
    static final String REPLICA_SECRET = "Replica-Pa55-" + "never-shown";
    static final String CLI_SECRET = "Cli-Pa55-" + "never-shown";
    static final Path LOG = Path.of("target", "security-secrets-test.log");

    public static final class WithPasswords implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.password",
                    PRIMARY_SECRET,
                    "quarry.read-database-url",
                    "postgresql://reader:" + REPLICA_SECRET + "@127.0.0.1:1/replica",
                    "quarkus.log.file.enabled",
                    "true",
                    "quarkus.log.file.path",
                    LOG.toAbsolutePath().toString(),
                    "quarkus.log.category.\"dev.quarry\".level",
                    "DEBUG",
                    "quarkus.log.category.\"io.vertx\".level",
                    "DEBUG");
        }
    }

    @Test
    void noPasswordInLogsAnswersOrCliErrors() throws Exception {
        String read = given().get("/api/posts").then().statusCode(503).extract().asString();
        String write = given().contentType("application/json")
                .body("{\"title\":\"t\",\"body\":\"b\",\"authorId\":\"nobody\"}")
                .post("/api/posts")
                .then()
                .statusCode(409)
                .extract()
                .asString();
        String log = Files.readString(LOG);
        assertTrue(
                log.contains("reads go to postgresql://reader:****@127.0.0.1:1/replica"),
                "the replica is named, masked");
        for (String text : new String[] {read, write, log}) {
            assertFalse(
                    text.contains(PRIMARY_SECRET) || text.contains(REPLICA_SECRET),
                    "a password was shown in:\n" + text);
        }

        for (String url : new String[] {
            "postgresql://postgres:" + CLI_SECRET + "@127.0.0.1:1/nowhere",
            "postgresql://postgres:" + CLI_SECRET + "@no-such-host.invalid:5432/x",
            "postgresql://postgres:" + CLI_SECRET + "@[bad/x",
            "postgresql://postgres:" + CLI_SECRET + "@127.0.0.1:5432/db?schema=a b c"
        }) {
            String output = cli(url, "migrate", "status");
            assertFalse(output.contains(CLI_SECRET), "the CLI printed the password:\n" + output);
            assertFalse(output.isBlank(), "the CLI said nothing");
        }
        assertTrue(DatabaseUrl.parse("postgresql://u:" + CLI_SECRET + "@h/db")
                .toString()
                .contains(":****@"));
    }

    private static String cli(String databaseUrl, String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = QuarryCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        String previous = System.getProperty("quarry.database-url");
        System.setProperty("quarry.database-url", databaseUrl);
        try {
            commandLine.execute(args);
        } finally {
            if (previous == null) {
                System.clearProperty("quarry.database-url");
            } else {
                System.setProperty("quarry.database-url", previous);
            }
        }
        return out.toString();
    }
}
