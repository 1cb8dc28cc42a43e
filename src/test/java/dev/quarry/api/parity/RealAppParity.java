package dev.quarry.api.parity;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The parity run on a real application's schema ({@link RealAppDatabase} made both databases): generated reads,
 * then generated writes, each posted to Quarry and to Prisma Client and sorted into {@link ParityCheck.Bucket}s;
 * then the two databases' whole state compared.
 */
final class RealAppParity {

    record Result(ParityCheck.Tally reads, ParityCheck.Tally writes, List<String> stateDifferences) {

        /** cases, same, refused by both, a listed Prisma bug, different: reads and writes together. */
        List<Integer> counts() {
            List<Integer> r = reads.counts();
            List<Integer> w = writes.counts();
            List<Integer> sum = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                sum.add(r.get(i) + w.get(i));
            }
            return sum;
        }

        List<String> different() {
            List<String> out = new ArrayList<>();
            for (ParityCheck.Tally t : List.of(reads, writes)) {
                t.different().forEach(o -> out.add(o.c().delegate() + "." + o.c().operation() + " " + o.c().args()));
            }
            out.addAll(stateDifferences);
            return out;
        }
    }

    /** About this many of {@link ArgsGenerator#negatedToOneFilters} (evenly spread), beside the random reads. */
    private static final int NEGATED_CASES = 20;

    private RealAppParity() {}

    static Result run(String schemaResource, long seed, int reads, int writes) throws Exception {
        Optional<String> port =
                ConfigProvider.getConfig().getOptionalValue("quarry.test.prisma-peer-port", String.class);
        Tools.require(
                port.isPresent(),
                () -> "Prisma parity on " + schemaResource + ": "
                        + PrismaPeer.unavailableReason().orElse("the peer did not start"));
        Schema schema = PrismaSchema.load(Path.of("src/test/resources", schemaResource))
                .schema()
                .orElseThrow();
        PrismaPeer peer = PrismaPeer.attach(Integer.parseInt(port.get()));
        ArgsGenerator generator = new ArgsGenerator(schema, seed);
        List<ArgsGenerator.Case> readCases = new ArrayList<>(generator.generate(reads));
        List<ArgsGenerator.Case> negated = generator.negatedToOneFilters();
        int stride = Math.max(1, negated.size() / NEGATED_CASES);
        for (int i = 0; i < negated.size(); i += stride) {
            readCases.add(negated.get(i));
        }
        long started = System.nanoTime();
        ParityCheck.Tally readTally = ParityCheck.tally(peer, schema, readCases, 4);
        RealAppData data = new RealAppData(schema, seed);
        data.seed(RealAppDatabase.SEED_ROWS); // the same rows the resource seeded, for the writes to pick from
        ParityCheck.Tally writeTally = ParityCheck.tally(peer, schema, data.writes(writes));
        List<String> state = stateDifferences();
        String name = schemaResource.replaceAll(".*/", "").replace(".prisma", "");
        System.out.printf(
                "PARITY %-17s %6s %6s %9s %7s %9s%n", "schema/part", "cases", "same", "refused", "prisma", "different");
        for (var row : List.of(Map.entry("reads", readTally), Map.entry("writes", writeTally))) {
            List<Integer> c = row.getValue().counts();
            System.out.printf(
                    "PARITY %-17s %6d %6d %9d %7d %9d%n",
                    name + " " + row.getKey(), c.get(0), c.get(1), c.get(2), c.get(3), c.get(4));
        }
        System.out.printf(
                "PARITY %s final state: %s; %d ms%n",
                name,
                state.isEmpty() ? "equal" : state.size() + " tables differ",
                (System.nanoTime() - started) / 1_000_000);
        return new Result(readTally, writeTally, state);
    }

    private static List<String> stateDifferences() throws Exception {
        DatabaseUrl quarry =
                DatabaseUrl.parse(ConfigProvider.getConfig().getValue("quarry.test.database-url", String.class));
        DatabaseUrl prisma =
                DatabaseUrl.parse(ConfigProvider.getConfig().getValue("quarry.test.prisma-database-url", String.class));
        Map<String, List<String>> q = RealAppState.of(quarry);
        Map<String, List<String>> p = RealAppState.of(prisma);
        List<String> out = new ArrayList<>();
        for (String table : p.keySet()) {
            if (!p.get(table).equals(q.get(table))) {
                List<String> onlyPrisma = new ArrayList<>(p.get(table));
                List<String> onlyQuarry = new ArrayList<>(q.getOrDefault(table, List.of()));
                onlyPrisma.removeAll(q.getOrDefault(table, List.of()));
                onlyQuarry.removeAll(p.get(table));
                out.add("table " + table + ": only after Prisma " + onlyPrisma + ", only after Quarry " + onlyQuarry);
            }
        }
        out.forEach(d -> System.out.println("STATE " + d));
        return out;
    }
}
