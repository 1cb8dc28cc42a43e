// The README tour through openapi-generator's typescript-fetch client, with its default options, against a live
// Quarry serving the blog schema: BASE_URL=http://host:port node dist/tour.js. No cast, no hand-written request.
import { Configuration, ResponseError, RpcApi, RpcPostApi, RpcUserApi, UsersApi } from "./client";

declare const process: { env: Record<string, string | undefined> };

function check(condition: boolean, message: string): void {
  if (!condition) {
    throw new Error("check failed: " + message);
  }
}

async function expectProblem(status: number, code: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (e) {
    if (!(e instanceof ResponseError)) {
      throw e;
    }
    const problem: { code?: string } = await e.response.json();
    check(e.response.status === status && problem.code === code, `expected ${status} ${code}, got ${e.response.status} ${problem.code}`);
    check(e.response.headers.get("content-type") === "application/problem+json", "a problem+json error");
    return;
  }
  throw new Error(`expected ${status} ${code}, the call succeeded`);
}

async function tour(): Promise<void> {
  const config = new Configuration({ basePath: (process.env.BASE_URL ?? "http://localhost:8080").replace(/\/$/, "") });
  const users = new UsersApi(config);
  const rpcUsers = new RpcUserApi(config);
  const rpcPosts = new RpcPostApi(config);
  const email = `fetch-${Date.now()}@example.com`;

  // a nested create: the posts are PostCreateWithoutAuthorInput, their author is the user
  const created = await rpcUsers.userCreate({
    userCreateArgs: { data: { email, name: "Ada", posts: { create: [{ title: "First", body: "b1" }, { title: "Second", body: "b2", published: true }] } } },
  });
  check(created.email === email && created.id !== undefined, "created");
  const id = created.id ?? "";

  // a filtered, ordered list with its posts and the total: POST /api/users/_query, the list read as a body
  const listed = await users.usersQueryRaw({
    userListQuery: { filter: { email: { equals: email } }, orderBy: [{ email: "asc" }], include: { posts: { orderBy: [{ title: "asc" }] } }, take: 5, count: true },
  });
  const records = await listed.value();
  check(records.length === 1 && records[0]?.posts?.length === 2 && records[0]?.posts?.[0]?.title === "First", "listed with posts in order");
  check(listed.raw.headers.get("X-Total-Count") === "1", "X-Total-Count");

  // get by id with its ETag; PATCH with a stale If-Match (412), then the current one
  const fetched = await users.usersGetRaw({ id });
  const etag = fetched.raw.headers.get("ETag") ?? "";
  check(etag !== "" && (await fetched.value()).email === email, "get with ETag");
  await expectProblem(412, "Q412", () => users.usersUpdate({ id, userUpdateInput: { name: "Stale" }, ifMatch: '"stale"' }));
  const renamed = await users.usersUpdate({ id, userUpdateInput: { name: "Ada Lovelace" }, ifMatch: etag });
  check(renamed.name === "Ada Lovelace", "PATCH with If-Match");

  // RPC findMany with select and _count, groupBy
  const selected = await rpcUsers.userFindMany({
    userFindManyArgs: { where: { email: { equals: email } }, select: { email: true, count: { select: { posts: {} } } } },
  });
  check(selected.length === 1 && selected[0]?.name === undefined && selected[0]?.count?.posts === 2, "select with _count");
  const groups = await rpcPosts.postGroupBy({
    postGroupByArgs: { by: ["published"], where: { authorId: { equals: id } }, orderBy: [{ published: "asc" }] },
  });
  check(groups.length === 2 && groups[0]?.published === false && groups[1]?.published === true, "groupBy");

  // $transaction, the array form: each operation one of the union
  const results = await new RpcApi(config).rpcTransaction({
    transactionOperation: [
      { delegate: "post", operation: "updateMany", args: { where: { authorId: { equals: id } }, data: { published: true } } },
      { delegate: "post", operation: "findMany", args: { where: { authorId: { equals: id }, published: { equals: true } } } },
    ],
  });
  check(results.length === 2, "$transaction");
  // the object form, with Prisma's transaction options: its own route, $transaction/withOptions
  const counted = await new RpcApi(config).rpcTransactionWithOptions({
    transactionOptions: {
      operations: [{ delegate: "post", operation: "count", args: { where: { authorId: { equals: id } } } }],
      isolationLevel: "Serializable",
      timeout: 5000,
    },
  });
  check(counted.length === 1 && counted[0] === 2, "$transaction with options");
  const published = await rpcPosts.postFindMany({ postFindManyArgs: { where: { authorId: { equals: id }, published: { equals: true } } } });
  check(published.length === 2, "the transaction's update happened");

  // the error cases: a duplicate (409 P2002), a take over the limit (400), a user with posts (409 P2003), a missing one (404 P2025)
  await expectProblem(409, "P2002", () => rpcUsers.userCreate({ userCreateArgs: { data: { email } } }));
  await expectProblem(400, "Q106", () => users.usersQuery({ userListQuery: { take: 5000 } }));
  await expectProblem(409, "P2003", () => users.usersDelete({ id }));

  // delete: the posts, then the user, then once more
  const removed = await rpcPosts.postDeleteMany({ postDeleteManyArgs: { where: { authorId: { equals: id } } } });
  check(removed.count === 2, "deleteMany");
  await users.usersDelete({ id });
  await expectProblem(404, "P2025", () => users.usersDelete({ id }));
  console.log("typescript-fetch tour: ok");
}

tour().catch((e) => {
  console.error(e);
  throw e;
});
