package dev.quarry.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.schema.PrismaSchema;
import org.junit.jupiter.api.Test;

/**
 * What the Studio's forms and filters are built from: each field's Prisma type, the ids, enums, and the other side
 * of each relation.
 */
class StudioSchemaTest {

    private static final String SCHEMA = """
            datasource db {
              provider = "postgresql"
            }
            enum Role {
              USER
              ADMIN
            }
            model Account {
              id      BigInt   @id
              role    Role     @default(USER)
              balance Decimal
              avatar  Bytes?
              prefs   Json
              tags    String[]
              groups  Group[]
              seats   Seat[]
            }
            model Group {
              id       Int       @id
              accounts Account[]
            }
            model Seat {
              row       Int
              number    Int
              account   Account @relation(fields: [accountId], references: [id])
              accountId BigInt
              @@id([row, number])
            }
            """;

    @Test
    void fieldsByTypeIdsEnumsAndTheOtherSideOfEachRelation() {
        JsonNode description = StudioSchema.of(
                PrismaSchema.parse("schema.prisma", SCHEMA).schema().orElseThrow());
        JsonNode account = description.get("models").get(0);
        assertEquals("accounts", account.get("route").asText());
        assertEquals("[\"id\"]", account.get("id").toString());
        assertEquals(
                "[\"USER\",\"ADMIN\"]", description.get("enums").get("Role").toString());
        StringBuilder fields = new StringBuilder();
        for (JsonNode field : account.get("fields")) {
            fields.append(field.get("name").asText())
                    .append(':')
                    .append(field.get("kind").asText())
                    .append(':')
                    .append(field.get("type").asText())
                    .append(field.get("list").asBoolean() ? "[]" : "")
                    .append(field.get("optional").asBoolean() ? "?" : "")
                    .append(
                            field.has("back")
                                    ? " back " + field.get("back").asText()
                                            + (field.get("backList").asBoolean() ? "[]" : "")
                                    : "")
                    .append('\n');
        }
        assertEquals("""
                id:scalar:BigInt
                role:enum:Role
                balance:scalar:Decimal
                avatar:scalar:Bytes?
                prefs:scalar:Json
                tags:scalar:String[]
                groups:relation:Group[] back accounts[]
                seats:relation:Seat[] back account
                """, fields.toString());
        JsonNode seat = description.get("models").get(2);
        assertEquals(
                "[\"row\",\"number\"]",
                seat.get("id").toString(),
                "a compound id: the page writes through the RPC surface");
    }
}
