package dev.quarry.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.generate.rich.Article;
import dev.quarry.generate.rich.Badge;
import dev.quarry.generate.rich.Club;
import dev.quarry.generate.rich.Label;
import dev.quarry.generate.rich.Member;
import dev.quarry.generate.rich.Membership;
import dev.quarry.generate.rich.Profile;
import dev.quarry.generate.rich.Role;
import dev.quarry.generate.rich.Visibility;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * Writes the rich schema's records through the generated entities in a Hibernate Reactive session,
 * on tables made by Prisma's own migration SQL, and reads them back with plain JDBC: the values
 * must be the ones written, and the client-side defaults must look like Prisma Client's.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(
                    name = "sql",
                    value = "generate/rich.sql"), // Prisma 7's own DDL: the entities must fit what Prisma creates
            @ResourceArg(name = "ddl", value = "false")
        })
class RichRoundTripTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void everyMappingRoundTripsThroughPostgreSql() throws Exception {
        Member mentor = new Member();
        mentor.setEmail("ada@example.com");
        mentor.setRole(Role.ADMIN);
        Member member = new Member();
        member.setEmail("grace@example.com");
        member.setRole(Role.EDITOR);
        member.setRoles(new Role[] {Role.EDITOR, Role.READER});
        member.setNickname("amazing grace");
        member.setKarma(9_007_199_254_740_993L);
        member.setBalance(new BigDecimal("12345678901234567890.123456789012345678901234567891"));
        member.setRating(4.25);
        member.setAvatar(new byte[] {0, 1, 2, (byte) 0xff});
        member.setSettings("{\"theme\": \"dark\", \"sizes\": [1, 2.5], \"nested\": {\"ok\": true}}");
        member.setTags(new String[] {"navy", "cobol"});
        member.setScores(new Integer[] {3, 1, 4});
        member.setMentor(mentor);
        member.getFollowers().add(mentor);

        Profile profile = new Profile();
        profile.setBio("Rear admiral");
        profile.setMember(member);

        Article article = new Article();
        article.setTitle("Compilers");
        article.setVisibility(Visibility.private_);
        article.setPrice(new BigDecimal("19.99"));
        article.setPublishedOn(LocalDate.of(1952, 5, 1));
        article.setAuthor(member);
        Label label = new Label();
        label.setName("history");
        article.getLabels().add(label);

        Club club = new Club();
        club.setName("Computing Pioneers");
        Membership membership = new Membership();
        membership.setClub(club);
        membership.setMember(member);
        membership.setLevel(3);
        Badge badge = new Badge();
        badge.setTitle("first compiler");
        badge.setMembership(membership);

        LocalDateTime before = LocalDateTime.now(ZoneOffset.UTC).withNano(0);
        sessions.withTransaction(session -> session.persist(mentor)
                        .chain(() -> session.persist(member))
                        .chain(() -> session.persist(profile))
                        .chain(() -> session.persist(label))
                        .chain(() -> session.persist(article))
                        .chain(() -> session.persist(club))
                        .chain(() -> session.persist(membership))
                        .chain(() -> session.persist(badge)))
                .await()
                .atMost(TIMEOUT);

        assertTrue(member.getId().matches("c[0-9a-z]{24}"), "cuid() id: " + member.getId());
        assertTrue(club.getId().matches("[a-z][0-9a-z]{23}"), "cuid(2) id: " + club.getId());
        assertTrue(label.getId().matches("[A-Za-z0-9_-]{10}"), "nanoid(10) id: " + label.getId());
        assertTrue(badge.getId().matches("[0-9A-HJKMNP-TV-Z]{26}"), "ulid() id: " + badge.getId());
        assertTrue(
                article.getSlug().matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                "uuid(7): " + article.getSlug());
        assertTrue(
                profile.getPublicId().matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
                "uuid(): " + profile.getPublicId());
        assertNotNull(article.getId(), "autoincrement() id read back from the database");
        assertEquals(member.getId(), article.getAuthorId(), "the relation's setter fills the foreign key");
        assertEquals(member.getId(), membership.getMemberId());

        try (Connection connection = TestServer.connect(FreshDatabase.current());
                Statement sql = connection.createStatement()) {
            try (ResultSet row =
                    sql.executeQuery("SELECT * FROM \"members\" WHERE \"id\" = '" + member.getId() + "'")) {
                assertTrue(row.next());
                assertEquals("grace@example.com", row.getString("email_address"));
                assertEquals("editor", row.getString("role"), "the enum's @map value is what PostgreSQL stores");
                assertArrayEquals(
                        new String[] {"editor", "READER"}, (String[]) ((Array) row.getArray("roles")).getArray());
                assertEquals("amazing grace", row.getString("nickname"));
                assertEquals(9_007_199_254_740_993L, row.getLong("karma"));
                assertEquals(
                        0,
                        new BigDecimal("12345678901234567890.123456789012345678901234567891")
                                .compareTo(row.getBigDecimal("balance")));
                assertEquals(4.25, row.getDouble("rating"));
                assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, row.getBytes("avatar"));
                assertEquals(
                        JSON.readTree(member.getSettings()),
                        JSON.readTree(row.getString("settings")),
                        "jsonb keeps the value, not the key order");
                assertArrayEquals(new String[] {"navy", "cobol"}, (String[])
                        row.getArray("tags").getArray());
                assertArrayEquals(new Integer[] {3, 1, 4}, (Integer[])
                        row.getArray("scores").getArray());
                assertEquals(mentor.getId(), row.getString("mentorId"));
                LocalDateTime joinedAt = row.getTimestamp("joined_at").toLocalDateTime();
                assertEquals(member.getJoinedAt(), joinedAt, "now() is stored as written, in UTC");
                assertTrue(
                        !joinedAt.isBefore(before) && joinedAt.isBefore(before.plusMinutes(1)),
                        "now() is UTC: " + joinedAt);
                assertEquals(
                        joinedAt,
                        row.getTimestamp("updatedAt").toLocalDateTime(),
                        "@updatedAt starts at the creation time");
            }
            assertRow(
                    sql,
                    "SELECT \"bio\", \"publicId\"::text FROM \"Profile\" WHERE \"memberId\" = '" + member.getId() + "'",
                    "Rear admiral",
                    profile.getPublicId());
            assertRow(
                    sql,
                    "SELECT \"title\", \"visibility\"::text, \"price\"::text, \"views\"::text, "
                            + "\"publishedOn\"::text, \"slug\" FROM \"Article\"",
                    "Compilers",
                    "private",
                    "19.99",
                    "0",
                    "1952-05-01",
                    article.getSlug());
            assertRow(
                    sql,
                    "SELECT \"A\"::text, \"B\" FROM \"_ArticleToLabel\"",
                    String.valueOf(article.getId()),
                    label.getId());
            assertRow(sql, "SELECT \"A\", \"B\" FROM \"_Follows\"", member.getId(), mentor.getId());
            assertRow(
                    sql,
                    "SELECT \"clubId\", \"member_id\", \"level\"::text FROM \"Membership\"",
                    club.getId(),
                    member.getId(),
                    "3");
            assertRow(
                    sql,
                    "SELECT \"clubId\", \"memberId\", \"title\" FROM \"Badge\"",
                    club.getId(),
                    member.getId(),
                    "first compiler");
        }

        Member read = sessions.withSession(session -> session.find(Member.class, member.getId()))
                .await()
                .atMost(TIMEOUT);
        assertEquals(Role.EDITOR, read.getRole());
        assertArrayEquals(new Role[] {Role.EDITOR, Role.READER}, read.getRoles());
        assertEquals(0, member.getBalance().compareTo(read.getBalance()));
        assertEquals(JSON.readTree(member.getSettings()), JSON.readTree(read.getSettings()));
        assertArrayEquals(member.getAvatar(), read.getAvatar());
        assertArrayEquals(member.getTags(), read.getTags());
        assertArrayEquals(member.getScores(), read.getScores());
        assertEquals(member.getJoinedAt(), read.getJoinedAt());

        Membership readMembership = sessions.withSession(
                        session -> session.find(Membership.class, new Membership.Key(club.getId(), member.getId())))
                .await()
                .atMost(TIMEOUT);
        assertEquals(3, readMembership.getLevel());
    }

    @Test
    void updatedAtMovesOnUpdateAndRelationsLoadBothWays() throws Exception {
        Member author = new Member();
        author.setEmail("linus@example.com");
        author.setSettings("[1, \"two\", null]");
        Article first = new Article();
        first.setTitle("Freax");
        first.setPrice(BigDecimal.ONE);
        first.setAuthor(author);
        sessions.withTransaction(session -> session.persist(author).chain(() -> session.persist(first)))
                .await()
                .atMost(TIMEOUT);
        LocalDateTime created = author.getUpdatedAt();
        Thread.sleep(20);

        sessions.withTransaction(
                        session -> session.find(Member.class, author.getId()).invoke(m -> m.setNickname("torvalds")))
                .await()
                .atMost(TIMEOUT);

        List<String> titles = sessions.withSession(session -> session.find(Member.class, author.getId())
                        .chain(m -> Mutiny.fetch(m.getArticles()))
                        .map(articles ->
                                articles.stream().map(Article::getTitle).toList()))
                .await()
                .atMost(TIMEOUT);
        assertEquals(List.of("Freax"), titles);
        String authorEmail = sessions.withSession(session -> session.find(Article.class, first.getId())
                        .chain(a -> Mutiny.fetch(a.getAuthor()))
                        .map(Member::getEmail))
                .await()
                .atMost(TIMEOUT);
        assertEquals("linus@example.com", authorEmail);
        String settings = sessions.withSession(
                        session -> session.find(Member.class, author.getId()).map(Member::getSettings))
                .await()
                .atMost(TIMEOUT);
        assertEquals(
                JSON.readTree("[1, \"two\", null]"), JSON.readTree(settings), "a Json value need not be an object");

        try (Connection connection = TestServer.connect(FreshDatabase.current());
                Statement sql = connection.createStatement();
                ResultSet row = sql.executeQuery(
                        "SELECT \"updatedAt\" FROM \"members\" WHERE \"id\" = '" + author.getId() + "'")) {
            assertTrue(row.next());
            LocalDateTime updated = row.getTimestamp(1).toLocalDateTime();
            assertTrue(updated.isAfter(created), "@updatedAt moved on update: " + created + " → " + updated);
        }
    }

    /**
     * {@code /// @email} on Member.email is a Bean Validation annotation on the entity: Hibernate Validator refuses
     * the value before Hibernate writes, though Prisma's DDL here has no CHECK constraint to do it.
     */
    @Test
    void aDataRuleIsCheckedBeforeHibernateWrites() throws Exception {
        Member member = new Member();
        member.setEmail("not-an-address");
        Throwable refused = assertThrows(
                Throwable.class,
                () -> sessions.withTransaction(session -> session.persist(member))
                        .await()
                        .atMost(TIMEOUT));
        ConstraintViolationException violation = causeOf(refused, ConstraintViolationException.class);
        assertEquals(
                List.of("email: @email: it must be an email address"),
                violation.getConstraintViolations().stream()
                        .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                        .toList());
        try (Connection connection = TestServer.connect(FreshDatabase.current());
                Statement sql = connection.createStatement();
                ResultSet count = sql.executeQuery(
                        "SELECT count(*) FROM \"members\" WHERE \"email_address\" = 'not-an-address'")) {
            assertTrue(count.next());
            assertEquals(0, count.getInt(1), "nothing written");
        }
    }

    private static <T extends Throwable> T causeOf(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + thrown, thrown);
    }

    private static void assertRow(Statement sql, String query, String... expected) throws Exception {
        try (ResultSet row = sql.executeQuery(query)) {
            assertTrue(row.next(), "a row for " + query);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], row.getString(i + 1), "column " + (i + 1) + " of " + query);
            }
        }
    }
}
