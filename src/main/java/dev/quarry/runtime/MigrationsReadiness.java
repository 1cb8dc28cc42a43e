package dev.quarry.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health/ready} is DOWN while the served database lacks migrations, and names them. */
@Readiness
@ApplicationScoped
public class MigrationsReadiness implements HealthCheck {

    @Inject
    PendingMigrationsCheck migrations;

    @Override
    public HealthCheckResponse call() {
        PendingMigrationsCheck.Result last = migrations.last();
        var response = HealthCheckResponse.named("migrations");
        if (migrations.behind()) {
            return response.down()
                    .withData("pending", String.join(", ", last.pending()))
                    .withData("fix", "run `migrate deploy` against this database")
                    .build();
        }
        return response.up().withData("status", last.message()).build();
    }
}
