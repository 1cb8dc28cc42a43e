/**
 * Writes: plans of create/update/delete with their nested writes, and the statements they run.
 *
 * <p>The write path, for a newcomer:
 *
 * <ol>
 *   <li>{@code api.RpcWritesResource} / {@code api.ResourceWritesResource} turn a request into {@link
 *       dev.quarry.query.write.WriteArgs}; {@code api.WriteService} plans and runs it.
 *   <li>{@link dev.quarry.query.write.WritePlanner} resolves the arguments against the schema into a {@link
 *       dev.quarry.query.write.WritePlan} (records, filters, {@link dev.quarry.query.write.RelationWrite}s for the
 *       nested verbs), nothing run yet.
 *   <li>{@code query.exec.WriteExecutor} runs the plan: a write of one record without nested writes as one statement
 *       with its read-back ({@code WriteExecutor.oneStatement}, sent alone); anything else inside one transaction
 *       ({@code query.exec.WriteRunner}), nested writes that set the record's foreign key before it is written,
 *       the others after, each step one statement of {@link dev.quarry.query.write.WriteStatements}.
 *   <li>The answer is built by PostgreSQL: a record is read back by the read machinery ({@code
 *       query.sql.QueryBuilder}) in the write's transaction; createManyAndReturn and updateManyAndReturn write and
 *       read back all their records in one statement ({@code WITH written AS (… RETURNING *) SELECT …}), or, when
 *       the read-back must see the write in its tables ({@link dev.quarry.query.write.WrittenTableReads}), in one
 *       statement after it, and the statement counts the records.
 * </ol>
 */
package dev.quarry.query.write;
