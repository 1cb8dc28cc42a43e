package dev.quarry.query;

import dev.quarry.query.support.Reads;
import dev.quarry.query.support.TestDatabase;
import dev.quarry.query.support.TestSchemas;
import org.junit.jupiter.api.Test;

class ExploreTest {
    @Test
    void explore() {
        try (TestDatabase db = TestDatabase.create("explore", "query/rich.sql")) {
            Reads reads = new Reads(TestSchemas.rich(), db);
            String[][] cases = {
                {"Account", "findMany", "{\"orderBy\":{\"id\":\"asc\"},\"take\":2}"},
                {"Account", "findMany", "{\"where\":{\"email\":{\"contains\":\"%\"}},\"select\":{\"id\":true,\"email\":true}}"},
                {"Account", "findUnique", "{\"where\":{\"id\":1},\"include\":{\"profile\":true,\"articles\":{\"orderBy\":{\"id\":\"desc\"},\"take\":2,\"include\":{\"categories\":true}},\"_count\":true}}"},
                {"Article", "findMany", "{\"where\":{\"author\":{\"is\":{\"role\":\"ADMIN\"}}},\"orderBy\":[{\"author\":{\"email\":\"asc\"}},{\"id\":\"asc\"}],\"select\":{\"id\":true,\"price\":true,\"publishedAt\":true}}"},
                {"Account", "findMany", "{\"cursor\":{\"id\":2},\"take\":2,\"orderBy\":{\"id\":\"asc\"},\"select\":{\"id\":true}}"},
                {"Account", "findMany", "{\"cursor\":{\"id\":3},\"take\":-2,\"select\":{\"id\":true}}"},
                {"Account", "findMany", "{\"distinct\":[\"handle\"],\"orderBy\":{\"id\":\"desc\"},\"select\":{\"id\":true,\"handle\":true}}"},
                {"Account", "count", "{\"where\":{\"active\":true}}"},
                {"Account", "aggregate", "{\"_count\":{\"_all\":true,\"ratio\":true},\"_avg\":{\"views\":true,\"balance\":true},\"_sum\":{\"scores\":false,\"views\":true},\"_min\":{\"createdAt\":true,\"role\":true},\"_max\":{\"active\":true}}"},
                {"Account", "groupBy", "{\"by\":[\"role\"],\"_count\":{\"_all\":true},\"_sum\":{\"balance\":true},\"orderBy\":{\"role\":\"asc\"},\"having\":{\"balance\":{\"_sum\":{\"gt\":1}}}}"},
                {"Category", "findMany", "{\"where\":{\"children\":{\"some\":{\"children\":{\"some\":{}}}}},\"include\":{\"children\":{\"include\":{\"children\":true}}}}"},
                {"Membership", "findUnique", "{\"where\":{\"accountId_teamId\":{\"accountId\":2,\"teamId\":2}},\"include\":{\"team\":true}}"},
                {"Account", "findMany", "{\"where\":{\"settings\":{\"path\":[\"theme\"],\"equals\":\"dark\"}},\"select\":{\"id\":true}}"},
                {"Account", "findMany", "{\"where\":{\"tags\":{\"hasSome\":[\"red\",\"green\"]}},\"select\":{\"id\":true,\"tags\":true,\"bigs\":true,\"roles\":true,\"avatar\":true,\"birthday\":true}}"},
                {"Account", "findMany", "{\"orderBy\":{\"articles\":{\"_count\":\"desc\"}},\"select\":{\"id\":true,\"_count\":{\"select\":{\"articles\":{\"where\":{\"status\":\"PUBLISHED\"}}}}}}"},
            };
            for (String[] c : cases) {
                System.out.println("== " + c[0] + "." + c[1] + " " + c[2]);
                try {
                    System.out.println(reads.compile(c[0], c[1], c[2]).text());
                    System.out.println("-> " + reads.run(c[0], c[1], c[2]));
                } catch (RuntimeException e) {
                    System.out.println("!! " + e);
                }
            }
        }
    }
}
