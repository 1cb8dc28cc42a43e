package dev.quarry.schema.model;

import java.util.Optional;
import java.util.Set;

/**
 * An access policy: {@code @@allow('read', published)} on a model, or {@code @allow('read', …)} on one of its
 * scalar fields ({@code field} present). A model with any policy denies every operation that no policy allows.
 *
 * @param operations the operations the rule governs ({@code 'all'} is all four)
 * @param source     the attribute as written, for messages and comments
 */
public record Policy(
        Effect effect, Set<Operation> operations, Optional<String> field, PolicyCondition condition, String source) {

    public Policy {
        operations = Set.copyOf(operations);
    }

    public enum Effect {
        ALLOW,
        DENY
    }

    /** ZenStack's operation names; {@code 'all'} stands for the four. */
    public enum Operation {
        CREATE("create"),
        READ("read"),
        UPDATE("update"),
        DELETE("delete");

        public final String text;

        Operation(String text) {
            this.text = text;
        }
    }

    public boolean isFieldLevel() {
        return field.isPresent();
    }
}
