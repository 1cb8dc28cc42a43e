package dev.quarry.deploy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.quarry.runtime.ops.Reads;
import dev.quarry.testsupport.FreshDatabase;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The probes of the Deployment, taken from the manifest, against the running service. */
@QuarkusTest
@WithTestResource(FreshDatabase.class)
class ProbesTest {

    @Inject
    Pool primary;

    @Inject
    @Reads
    Pool read;

    @Test
    void everyProbeOfTheDeploymentAnswersUp() {
        Container quarry = Manifests.one(
                        Manifests.readFile(Manifests.ROOT.resolve("base/deployment.yaml")), Deployment.class, "quarry")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        List<String> paths = List.of(
                quarry.getStartupProbe().getHttpGet().getPath(),
                quarry.getReadinessProbe().getHttpGet().getPath(),
                quarry.getLivenessProbe().getHttpGet().getPath());
        for (String path : paths) {
            given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    /** Quarkus turns readiness DOWN on SIGTERM through this check; ShutdownIT watches it happen. */
    @Test
    void readinessCarriesTheGracefulShutdownCheck() {
        given().when().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("Graceful Shutdown"));
    }

    @Test
    void withoutAReadReplicaReadsUseThePrimaryPool() throws Exception {
        assertSame(primary, read);
        String database = read.query("SELECT current_database()")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString(0);
        assertEquals(true, database.startsWith("quarry_test_"));
    }
}
