package dev.quarry.query.write;

import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.Hop;
import java.util.List;

/**
 * A nested write on one relation field of a created or updated record: {@code posts: {create: …, connect: …}}.
 * {@link #hop()} goes from that record to the related model. Filters are on the related model; for to-many
 * relations the {@code where} of each item is a unique criterion, for to-one ones an optional extra condition
 * ({@link Filter#TRUE} when absent).
 */
public sealed interface RelationWrite {

    Hop hop();

    record Create(Hop hop, List<RecordCreate> records) implements RelationWrite {}

    record CreateMany(Hop hop, List<RecordCreate> records, boolean skipDuplicates) implements RelationWrite {}

    record Connect(Hop hop, List<Filter> targets) implements RelationWrite {}

    record ConnectOrCreate(Hop hop, List<WhereCreate> items) implements RelationWrite {}

    /** Replaces every linked record by {@code targets} (to-many only). */
    record Set(Hop hop, List<Filter> targets) implements RelationWrite {}

    record Disconnect(Hop hop, List<Filter> targets) implements RelationWrite {}

    record Delete(Hop hop, List<Filter> targets) implements RelationWrite {}

    record Update(Hop hop, List<WhereUpdate> items) implements RelationWrite {}

    record UpdateMany(Hop hop, List<WhereUpdate> items) implements RelationWrite {}

    record DeleteMany(Hop hop, List<Filter> filters) implements RelationWrite {}

    record Upsert(Hop hop, List<WhereUpsert> items) implements RelationWrite {}

    record WhereCreate(Filter where, RecordCreate create) {}

    record WhereUpdate(Filter where, RecordUpdate data) {}

    record WhereUpsert(Filter where, RecordCreate create, RecordUpdate update) {}

    /** Writes that run before the record they belong to is written: they decide its foreign key. */
    default boolean setsForeignKey() {
        return hop().fromHoldsForeignKey();
    }
}
