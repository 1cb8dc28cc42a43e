package dev.quarry.example;

import dev.quarry.entities.Post;
import dev.quarry.entities.User;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.security.RequestSessions;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.JoinType;
import jakarta.persistence.criteria.Root;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A hand-written endpoint on the generated entities: the users with the most published posts. It
 * shows the pattern: one reactive Hibernate session on the API's pool and database, in a transaction
 * under the request's role ({@link RequestSessions}: GRANTs and row-level security bind it), a query the
 * compiler checks (typed entities, {@code User.Fields} names), and the API's problem+json errors.
 */
@Path("/api/reports/top-authors")
@Tag(name = "Reports", description = "Hand-written endpoints on the generated entities")
public class TopAuthorsResource {

    static final int DEFAULT_TAKE = 10;
    static final int MAX_TAKE = 100;

    @Inject
    RequestSessions sessions;

    /** One line of the report. */
    @Schema(name = "AuthorRanking", description = "A user and their count of published posts")
    public record AuthorRanking(
            @Schema(required = true) String id,
            @Schema(required = true) String email,
            @Schema(nullable = true) String name,

            @Schema(required = true, description = "How many of the user's posts are published")
            long publishedPosts) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "topAuthors",
            summary = "Users with the most published posts",
            description = "Users ordered by their count of published posts (most first, then by email); users "
                    + "with none "
                    + "count 0.")
    @APIResponse(
            responseCode = "200",
            description = "The ranking",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = AuthorRanking.class)))
    @APIResponse(
            responseCode = "400",
            description = "take is not a whole number from 1 to " + MAX_TAKE,
            content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> topAuthors(
            @Parameter(
                            description =
                                    "How many users to return, 1 to " + MAX_TAKE + " (default " + DEFAULT_TAKE + ")",
                            schema =
                                    @Schema(
                                            type = SchemaType.INTEGER,
                                            minimum = "1",
                                            maximum = "" + MAX_TAKE,
                                            defaultValue = "" + DEFAULT_TAKE))
                    @QueryParam("take")
                    String take) {
        int limit = parseTake(take);
        return sessions.withTransaction(session -> session.createQuery(
                                ranking(sessions.factory().getCriteriaBuilder()))
                        .setMaxResults(limit)
                        .getResultList())
                .map(rows -> Response.ok(rows).build());
    }

    /** {@code users LEFT JOIN posts ON published GROUP BY user ORDER BY count DESC, email}. */
    private static CriteriaQuery<AuthorRanking> ranking(CriteriaBuilder cb) {
        CriteriaQuery<AuthorRanking> query = cb.createQuery(AuthorRanking.class);
        Root<User> user = query.from(User.class);
        Join<User, Post> post = user.join(User.Fields.POSTS, JoinType.LEFT);
        post.on(cb.isTrue(post.get(Post.Fields.PUBLISHED)));
        Expression<Long> published = cb.count(post);
        return query.select(cb.construct(
                        AuthorRanking.class,
                        user.get(User.Fields.ID),
                        user.get(User.Fields.EMAIL),
                        user.get(User.Fields.NAME),
                        published))
                .groupBy(user.get(User.Fields.ID), user.get(User.Fields.EMAIL), user.get(User.Fields.NAME))
                .orderBy(cb.desc(published), cb.asc(user.get(User.Fields.EMAIL)));
    }

    static int parseTake(String take) {
        if (take == null || take.isEmpty()) {
            return DEFAULT_TAKE;
        }
        int value;
        try {
            value = Integer.parseInt(take.strip());
        } catch (NumberFormatException e) {
            throw QueryErrors.wrongType(ArgPath.ofText("take"), "a whole number from 1 to " + MAX_TAKE);
        }
        if (value < 1 || value > MAX_TAKE) {
            throw QueryErrors.outOfRange(ArgPath.ofText("take"), "take", "1 to " + MAX_TAKE);
        }
        return value;
    }
}
