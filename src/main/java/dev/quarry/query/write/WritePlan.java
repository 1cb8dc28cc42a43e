package dev.quarry.query.write;

import dev.quarry.query.plan.Filter;
import dev.quarry.schema.model.Model;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A resolved write: every field, value, filter and nested write checked against the schema, nothing run yet. */
public sealed interface WritePlan {

    Model model();

    record Create(Model model, RecordCreate record, ReadShape shape) implements WritePlan {}

    /** {@code createMany} ({@code returning} empty: a count) and {@code createManyAndReturn}. */
    record CreateMany(Model model, List<RecordCreate> records, boolean skipDuplicates, Optional<ReadShape> returning)
            implements WritePlan {}

    record Update(Model model, Filter where, RecordUpdate data, ReadShape shape, Optional<String> ifMatch)
            implements WritePlan {}

    record UpdateMany(Model model, Filter where, RecordUpdate data, OptionalLong limit, Optional<ReadShape> returning)
            implements WritePlan {}

    record Upsert(
            Model model,
            Filter where,
            RecordCreate create,
            RecordUpdate update,
            ReadShape shape,
            Optional<String> ifMatch)
            implements WritePlan {}

    record Delete(Model model, Filter where, ReadShape shape, Optional<String> ifMatch) implements WritePlan {}

    record DeleteMany(Model model, Filter where, OptionalLong limit) implements WritePlan {}
}
