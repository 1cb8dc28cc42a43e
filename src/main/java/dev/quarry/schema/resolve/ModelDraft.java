package dev.quarry.schema.resolve;

import dev.quarry.schema.model.Index;
import dev.quarry.schema.model.PrimaryKey;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.UniqueConstraint;
import dev.quarry.schema.syntax.Top;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A model or view with its scalar fields resolved and its relation fields still unpaired. */
final class ModelDraft {

    final Top.Block block;
    String dbName;
    Optional<String> dbSchema = Optional.empty();
    boolean ignored;
    /** {@link ScalarField} or {@link RelationDraft}, in declaration order. */
    final List<Object> fields = new ArrayList<>();

    Optional<PrimaryKey> primaryKey = Optional.empty();
    final List<UniqueConstraint> uniques = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    /**
     * The attributes that name a primary key, unique constraint or index in the database, for {@link
     * ConstraintNamespace}.
     */
    final List<ConstraintNamespace.Declared> namedConstraints = new ArrayList<>();

    ModelDraft(Top.Block block) {
        this.block = block;
        this.dbName = block.name().name();
    }

    String name() {
        return block.name().name();
    }

    boolean isView() {
        return block.keyword() == Top.Keyword.VIEW;
    }

    List<ScalarField> scalarFields() {
        return fields.stream()
                .filter(ScalarField.class::isInstance)
                .map(ScalarField.class::cast)
                .toList();
    }

    List<RelationDraft> relationFields() {
        return fields.stream()
                .filter(RelationDraft.class::isInstance)
                .map(RelationDraft.class::cast)
                .toList();
    }

    Optional<ScalarField> findScalar(String fieldName) {
        return scalarFields().stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    boolean hasField(String fieldName) {
        return block.fields().stream().anyMatch(f -> f.name().name().equals(fieldName));
    }
}
