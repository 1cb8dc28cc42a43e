package dev.quarry.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.client.blog.ApiClient;
import dev.quarry.client.blog.ApiException;
import dev.quarry.client.blog.ApiResponse;
import dev.quarry.client.blog.api.RpcApi;
import dev.quarry.client.blog.api.RpcPostApi;
import dev.quarry.client.blog.api.RpcUserApi;
import dev.quarry.client.blog.api.UsersApi;
import dev.quarry.client.blog.model.BatchPayload;
import dev.quarry.client.blog.model.PostCountArgs;
import dev.quarry.client.blog.model.PostCountOperation;
import dev.quarry.client.blog.model.PostCreateNestedManyWithoutAuthorInput;
import dev.quarry.client.blog.model.PostCreateWithoutAuthorInput;
import dev.quarry.client.blog.model.PostDeleteManyArgs;
import dev.quarry.client.blog.model.PostWhereInput;
import dev.quarry.client.blog.model.SortOrder;
import dev.quarry.client.blog.model.StringFilter;
import dev.quarry.client.blog.model.TransactionOperation;
import dev.quarry.client.blog.model.TransactionOptions;
import dev.quarry.client.blog.model.User;
import dev.quarry.client.blog.model.UserCreateArgs;
import dev.quarry.client.blog.model.UserCreateInput;
import dev.quarry.client.blog.model.UserDeleteArgs;
import dev.quarry.client.blog.model.UserFindManyArgs;
import dev.quarry.client.blog.model.UserFindUniqueArgs;
import dev.quarry.client.blog.model.UserInclude;
import dev.quarry.client.blog.model.UserIncludePosts;
import dev.quarry.client.blog.model.UserListQuery;
import dev.quarry.client.blog.model.UserOrderByInput;
import dev.quarry.client.blog.model.UserUpdateArgs;
import dev.quarry.client.blog.model.UserUpdateInput;
import dev.quarry.client.blog.model.UserWhereInput;
import dev.quarry.client.blog.model.UserWhereUniqueInput;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The clients generated from openapi/openapi.yaml, used against the running service: the Java client
 * (openapi-generator, native + Jackson) on the RPC surface, the TypeScript client on the resource
 * surface.
 */
@Tag("e2e-client")
@QuarkusTest
@WithTestResource(FreshDatabase.class)
class ClientEndToEndTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void javaClientRoundTrip() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        RpcUserApi users = new RpcUserApi(client);
        String email = "java-" + UUID.randomUUID() + "@example.com";

        User created = users.userCreate(new UserCreateArgs()
                .data(new UserCreateInput()
                        .email(email)
                        .name("Ada")
                        .posts(new PostCreateNestedManyWithoutAuthorInput()
                                .addCreateItem(new PostCreateWithoutAuthorInput()
                                        .title("First")
                                        .body("b1"))
                                .addCreateItem(new PostCreateWithoutAuthorInput()
                                        .title("Second")
                                        .body("b2")
                                        .published(true)))));
        assertEquals(email, created.getEmail());

        List<User> listed = users.userFindMany(new UserFindManyArgs()
                .where(new UserWhereInput().email(new StringFilter().equalTo(email)))
                .addOrderByItem(new UserOrderByInput().email(SortOrder.ASC))
                .include(new UserInclude().posts(new UserIncludePosts(true))));
        assertEquals(1, listed.size());
        assertEquals(2, listed.get(0).getPosts().size());

        // the resource surface through its generated API: the list read as a body, the ETag, If-Match
        UsersApi resources = new UsersApi(client);
        List<User> queried = resources.usersQuery(
                null,
                new UserListQuery()
                        .filter(new UserWhereInput().email(new StringFilter().equalTo(email)))
                        .include(new UserInclude().posts(new UserIncludePosts(true)))
                        .take(1));
        assertEquals(1, queried.size());
        assertEquals(2, queried.get(0).getPosts().size());
        ApiResponse<User> fetched = resources.usersGetWithHttpInfo(created.getId(), null, null, null);
        String etag = fetched.getHeaders().get("ETag").get(0);
        ApiException stale = assertThrows(
                ApiException.class,
                () -> resources.usersUpdate(
                        created.getId(), new UserUpdateInput().name("Stale"), null, null, null, "\"stale\""));
        assertEquals(412, stale.getCode());
        assertEquals(
                "Ada",
                resources
                        .usersUpdate(created.getId(), new UserUpdateInput().name("Ada"), null, null, null, etag)
                        .getName());

        // $transaction in both forms: the array, and the object with transaction options on its own route
        RpcApi transactions = new RpcApi(client);
        TransactionOperation countPosts = new TransactionOperation(new PostCountOperation()
                .delegate(PostCountOperation.DelegateEnum.POST)
                .operation(PostCountOperation.OperationEnum.COUNT)
                .args(new PostCountArgs()
                        .where(new PostWhereInput().authorId(new StringFilter().equalTo(created.getId())))));
        assertEquals(List.of(2), transactions.rpcTransaction(List.of(countPosts)));
        assertEquals(
                List.of(2),
                transactions.rpcTransactionWithOptions(new TransactionOptions()
                        .addOperationsItem(countPosts)
                        .isolationLevel(TransactionOptions.IsolationLevelEnum.SERIALIZABLE)
                        .timeout(5000)));

        User updated = users.userUpdate(new UserUpdateArgs()
                .where(new UserWhereUniqueInput().id(created.getId()))
                .data(new UserUpdateInput().name("Ada Lovelace")));
        assertEquals("Ada Lovelace", updated.getName());

        ApiException conflict = assertThrows(
                ApiException.class,
                () -> users.userCreate(new UserCreateArgs().data(new UserCreateInput().email(email))));
        assertEquals(409, conflict.getCode());
        assertTrue(conflict.getResponseBody().contains("P2002"), conflict.getResponseBody());

        // Post.author is required: deleting a user who has posts is refused (Restrict, as in Prisma) until they go
        ApiException restricted = assertThrows(
                ApiException.class,
                () -> users.userDelete(new UserDeleteArgs().where(new UserWhereUniqueInput().id(created.getId()))));
        assertEquals(409, restricted.getCode());
        assertTrue(restricted.getResponseBody().contains("P2003"), restricted.getResponseBody());
        BatchPayload removed = new RpcPostApi(client)
                .postDeleteMany(new PostDeleteManyArgs()
                        .where(new PostWhereInput().authorId(new StringFilter().equalTo(created.getId()))));
        assertEquals(2, removed.getCount());
        users.userDelete(new UserDeleteArgs().where(new UserWhereUniqueInput().id(created.getId())));
        assertEquals(
                null,
                users.userFindUnique(new UserFindUniqueArgs().where(new UserWhereUniqueInput().id(created.getId()))));
        ApiException missing = assertThrows(
                ApiException.class,
                () -> users.userDelete(new UserDeleteArgs().where(new UserWhereUniqueInput().id(created.getId()))));
        assertEquals(404, missing.getCode());
        assertTrue(missing.getResponseBody().contains("P2025"), missing.getResponseBody());
    }

    /**
     * openapi-generator's typescript-fetch client, default options, generated by the pom (execution
     * blog-typescript-fetch): the README tour of {@code src/test/ts-client/fetch/tour.ts}, compiled under tsc
     * --strict and run against this server.
     */
    @Test
    void typeScriptFetchClientTour() throws Exception {
        Path client = TypeScriptClientTest.install();
        Path tour = client.resolve("fetch");
        if (Files.isDirectory(tour.resolve("client"))) {
            // a model an earlier document had must not stay behind
            try (Stream<Path> stale = Files.walk(tour.resolve("client"))) {
                for (Path file : stale.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        TypeScriptClientTest.copy(
                Path.of("target/generated-test-sources/typescript-fetch-blog"), tour.resolve("client"));
        assertEquals(0, TypeScriptClientTest.run(client, Map.of(), "npx", "tsc", "-p", "fetch"), "tsc -p fetch");
        assertEquals(
                0,
                TypeScriptClientTest.run(tour, Map.of("BASE_URL", base.toString()), "node", "dist/tour.js"),
                "node dist/tour.js");
    }

    @Test
    void typeScriptClientRoundTrip() throws Exception {
        var client = TypeScriptClientTest.prepare(Documents.BLOG_YAML);
        assertEquals(0, TypeScriptClientTest.run(client, Map.of(), "npx", "tsc", "--outDir", "dist"), "tsc");
        assertEquals(
                0,
                TypeScriptClientTest.run(client, Map.of("BASE_URL", base.toString()), "node", "dist/e2e.js"),
                "node dist/e2e.js");
    }
}
