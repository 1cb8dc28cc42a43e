// Runs the typed client against a live Quarry serving the blog schema: BASE_URL=http://host:port node dist/e2e.js
import createClient from "openapi-fetch";
import type { paths } from "./api";
import { ProblemError, QuarryClient } from "./client.js";

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
    check(e instanceof ProblemError, "a problem+json error, got " + String(e));
    const error = e as ProblemError;
    check(error.status === status && error.problem.code === code, `expected ${status} ${code}, got ${error.status} ${error.problem.code}`);
    return;
  }
  throw new Error(`expected ${status} ${code}, the call succeeded`);
}

const baseUrl = process.env.BASE_URL ?? "http://localhost:8080";
const client = new QuarryClient(baseUrl);
// openapi-fetch: every call typed by the document alone, no hand-written request
const api = createClient<paths>({ baseUrl: baseUrl.replace(/\/$/, "") });
const email = `ts-${Date.now()}@example.com`;

const created = await client.createUser(
  { email, name: "Ada", posts: { create: [{ title: "First", body: "b1" }, { title: "Second", body: "b2", published: true }] } },
  { posts: true },
);
check(created.email === email && created.posts?.length === 2, "created with two nested posts");
// a record's fields are optional in its type (select and omit can leave any out): this shape has the id
if (created.id === undefined) {
  throw new Error("the created record has no id");
}
const id = created.id;

const listed = await client.listUsers({
  filter: { email: { equals: email } },
  orderBy: [{ createdAt: "desc" }],
  include: { posts: { where: { published: { equals: true } }, orderBy: [{ title: "asc" }] } },
});
check(listed.length === 1 && listed[0]?.posts?.length === 1 && listed[0]?.posts?.[0]?.title === "Second", "filtered list with included published posts");

const queried = await client.queryUsers({
  filter: { email: { equals: email } },
  include: { posts: { where: { published: { equals: true } } }, _count: true },
  take: 1,
});
check(queried.length === 1 && queried[0]?.posts?.length === 1 && queried[0]?._count?.posts === 2, "the list read with its parameters as a body");

const viaFetch = await api.POST("/api/users/_query", {
  body: { filter: { email: { equals: email } }, orderBy: [{ email: "asc" }], include: { posts: true }, count: true },
});
check(viaFetch.data?.length === 1 && viaFetch.data[0]?.posts?.length === 2, "openapi-fetch: _query with include");
check(viaFetch.response.headers.get("X-Total-Count") === "1", "openapi-fetch: the total on demand");
const one = await api.GET("/api/users/{id}", { params: { path: { id } } });
const etag = one.response.headers.get("ETag");
check(one.data?.id === id && etag !== null, "openapi-fetch: get by id with its ETag");
const stale = await api.PATCH("/api/users/{id}", { params: { path: { id }, header: { "If-Match": '"stale"' } }, body: { name: "Stale" } });
check(stale.response.status === 412 && stale.error !== undefined, "openapi-fetch: a stale If-Match is 412");
const fresh = await api.PATCH("/api/users/{id}", { params: { path: { id }, header: { "If-Match": etag ?? "" } }, body: { name: "Ada" } });
check(fresh.data?.name === "Ada", "openapi-fetch: If-Match with the current ETag");
const counted = await api.POST("/api/rpc/user/count", { body: { where: { email: { equals: email } } } });
check(counted.data === 1, "openapi-fetch: count is a number");
const grouped = await api.POST("/api/rpc/post/groupBy", { body: { by: ["published"], where: { authorId: { equals: id } }, _count: { _all: true } } });
check(grouped.data?.length === 2, "openapi-fetch: groupBy");
const tx = await api.POST("/api/rpc/$transaction", {
  body: [
    { delegate: "user", operation: "findUnique", args: { where: { id }, select: { id: true, _count: true } } },
    { delegate: "post", operation: "count", args: { where: { authorId: { equals: id } } } },
  ],
});
check(tx.data?.length === 2 && tx.data[1] === 2, "openapi-fetch: $transaction, each operation typed");
const txOptions = await api.POST("/api/rpc/$transaction/withOptions", {
  body: {
    operations: [{ delegate: "post", operation: "count", args: { where: { authorId: { equals: id } } } }],
    isolationLevel: "Serializable",
    timeout: 5000,
  },
});
check(txOptions.data?.length === 1 && txOptions.data[0] === 2, "openapi-fetch: $transaction with options");
const tooLong = await api.POST("/api/users/_query", { body: { take: 100000 } });
check(tooLong.response.status === 400, "openapi-fetch: take over the limit is refused");

const updated = await client.updateUser(id, { name: "Ada Lovelace", active: false });
check(updated.name === "Ada Lovelace" && updated.active === false, "updated");

await expectProblem(409, "P2002", () => client.createUser({ email }));

// Post.author is required, so deleting a user with posts is refused (Restrict, as in Prisma) until they go
await expectProblem(409, "P2003", () => client.deleteUser(id));
const removed = await client.deletePosts({ authorId: { equals: id } });
check(removed.count === 2, "deleted the user's two posts");
const deleted = await client.deleteUser(id);
check(deleted.id === id, "deleted");
await expectProblem(404, "P2025", () => client.getUser(id));

console.log("ts client e2e: ok");
