package dev.quarry.api;

import dev.quarry.error.ErrorCode;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.exec.SessionSettings;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may reach soft-deleted rows ({@code @deletedAt}): read them ({@code withDeleted}) and restore them (an update
 * setting the field back to null). A request that sets no role (open mode) may; a role may when
 * {@code quarry.soft-delete.roles} names it. Every other role finds them absent.
 */
@ApplicationScoped
public class SoftDeleteAccess {

    private final List<String> roles;
    private final boolean softDelete;

    @Inject
    public SoftDeleteAccess(
            Schema schema, @ConfigProperty(name = "quarry.soft-delete.roles") Optional<List<String>> roles) {
        this.roles = roles.orElse(List.of());
        this.softDelete = schema.models().stream().map(Model::deletedAt).anyMatch(Optional::isPresent);
    }

    /** Whether the request of {@code session} may reach soft-deleted rows. */
    public boolean allows(Optional<SessionSettings> session) {
        return softDelete && session.map(s -> roles.contains(s.role())).orElse(true);
    }

    /**
     * A read asking for soft-deleted rows by a role that may not see them is a 403 {@code Q190}, before anything
     * runs.
     */
    public void check(ReadArgs args, Optional<SessionSettings> session) {
        if (!softDelete || !args.args().path(ReadArgs.WITH_DELETED).asBoolean(false) || allows(session)) {
            return;
        }
        String role = session.map(SessionSettings::role).orElse("");
        throw new ApiException(
                ErrorCode.SOFT_DELETE_REFUSED,
                "Role " + role
                        + " may not read soft-deleted records (withDeleted); the roles in quarry.soft-delete.roles "
                        + "may",
                Map.of("parameter", ReadArgs.WITH_DELETED, "role", role, "allowed", roles));
    }
}
