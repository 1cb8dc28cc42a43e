// Every operation of the blog's client against the live server (BASE_URL), values and errors included.
// Exits non-zero on the first failed assertion.
import assert from 'node:assert/strict';
import { createClient, QuarryClientError } from '../clients/blog/index.js';

const baseUrl = process.env.BASE_URL!.replace(/\/$/, '');
const db = createClient({ baseUrl, headers: { 'x-test': 'runtime-blog' } });
const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
const email = (name: string) => `${name}-${tag}@example.com`;

async function rejects(promise: Promise<unknown>, code: string | undefined, status: number) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof QuarryClientError, `a QuarryClientError, not ${e}`);
    assert.equal(e.status, status, JSON.stringify(e.problem));
    assert.equal(e.code, code, JSON.stringify(e.problem));
    assert.equal(e.problem.status, status);
    return e;
  }
  assert.fail(`expected ${code} (${status})`);
}

const ada = await db.user.create({
  data: { email: email('ada'), name: 'Ada', posts: { create: [{ title: 'First', body: 'b1' }, { title: 'Second', body: 'b2', published: true }] } },
  include: { posts: { orderBy: { title: 'asc' } } },
});
assert.equal(ada.email, email('ada'));
assert.ok(ada.createdAt instanceof Date && !Number.isNaN(ada.createdAt.getTime()), 'createdAt is a Date');
assert.deepEqual(ada.posts.map((p) => p.title), ['First', 'Second']);
assert.ok(ada.posts[0]!.createdAt instanceof Date, 'nested DateTime revived');

// a Date goes in as ISO-8601
const since = new Date(ada.createdAt.getTime() - 1000);
const listed = await db.user.findMany({
  where: { email: { endsWith: `${tag}@example.com` }, createdAt: { gte: since }, active: true },
  orderBy: { createdAt: 'desc' },
  include: { posts: true, _count: true },
});
assert.equal(listed.length, 1);
assert.equal(listed[0]!._count.posts, 2);

const selected = await db.user.findFirst({ where: { id: ada.id }, select: { email: true, posts: { select: { title: true }, where: { published: true } } } });
assert.deepEqual(selected, { email: email('ada'), posts: [{ title: 'Second' }] });
assert.equal(await db.user.findFirst({ where: { email: 'nobody-' + tag } }), null);
const orThrow = await db.user.findFirstOrThrow({ where: { id: ada.id }, omit: { email: true } });
assert.equal('email' in orThrow, false);
await rejects(db.user.findFirstOrThrow({ where: { email: 'nobody-' + tag } }), 'P2025', 404);

const unique = await db.user.findUnique({ where: { email: email('ada') } });
assert.equal(unique?.id, ada.id);
assert.equal(await db.user.findUnique({ where: { id: 'missing-' + tag } }), null);
const uniqueOrThrow = await db.user.findUniqueOrThrow({ where: { id: ada.id }, select: { id: true, _count: { select: { posts: true } } } });
assert.deepEqual(uniqueOrThrow, { id: ada.id, _count: { posts: 2 } });
await rejects(db.user.findUniqueOrThrow({ where: { id: 'missing-' + tag } }), 'P2025', 404);

// count, aggregate, groupBy
const mine = { authorId: ada.id };
assert.equal(await db.post.count({ where: mine }), 2);
assert.deepEqual(await db.post.count({ where: mine, select: { _all: true, title: true } }), { _all: 2, title: 2 });
const aggregate = await db.post.aggregate({ where: mine, _count: { _all: true }, _min: { createdAt: true, title: true }, _max: { title: true } });
assert.equal(aggregate._count._all, 2);
assert.ok(aggregate._min.createdAt instanceof Date, 'aggregate DateTime revived');
assert.equal(aggregate._min.title, 'First');
assert.equal(aggregate._max.title, 'Second');
const groups = await db.post.groupBy({ by: ['published'], where: mine, _count: { _all: true }, orderBy: { published: 'asc' } });
assert.deepEqual(groups, [{ published: false, _count: { _all: 1 } }, { published: true, _count: { _all: 1 } }]);

// writes
const many = await db.user.createMany({ data: [{ email: email('b1') }, { email: email('b2'), name: 'B2' }] });
assert.deepEqual(many, { count: 2 });
const returned = await db.user.createManyAndReturn({ data: [{ email: email('c1') }], select: { email: true, active: true } });
assert.deepEqual(returned, [{ email: email('c1'), active: true }]);
const updated = await db.user.update({ where: { id: ada.id }, data: { name: 'Ada Lovelace', posts: { create: { title: 'Third', body: 'b3' } } }, include: { posts: true } });
assert.equal(updated.name, 'Ada Lovelace');
assert.equal(updated.posts.length, 3);
assert.ok(updated.updatedAt instanceof Date);
assert.deepEqual(await db.user.updateMany({ where: { email: { in: [email('b1'), email('b2')] } }, data: { active: false } }), { count: 2 });
const andReturn = await db.user.updateManyAndReturn({ where: { email: email('b1') }, data: { name: 'B1' }, select: { name: true } });
assert.deepEqual(andReturn, [{ name: 'B1' }]);
const upserted = await db.user.upsert({ where: { email: email('d1') }, create: { email: email('d1'), name: 'new' }, update: { name: 'old' } });
assert.equal(upserted.name, 'new');
const upsertedAgain = await db.user.upsert({ where: { email: email('d1') }, create: { email: email('d1'), name: 'new' }, update: { name: 'again' } });
assert.equal(upsertedAgain.name, 'again');
const removed = await db.user.delete({ where: { email: email('d1') }, select: { email: true } });
assert.deepEqual(removed, { email: email('d1') });
assert.deepEqual(await db.user.deleteMany({ where: { email: { in: [email('b1'), email('b2'), email('c1')] } } }), { count: 3 });

// errors as Prisma's codes
const duplicate = await rejects(db.user.create({ data: { email: email('ada') } }), 'P2002', 409);
assert.ok(JSON.stringify(duplicate.meta).includes('email'), JSON.stringify(duplicate.meta));
await rejects(db.user.delete({ where: { id: ada.id } }), 'P2003', 409);
await rejects(db.user.delete({ where: { id: 'missing-' + tag } }), 'P2025', 404);
await rejects(db.post.create({ data: { title: 't', body: 'b', authorId: 'missing-' + tag } }), 'P2003', 409);
const bad = await db.user.findMany({ where: { nickname: 'x' } as never }).then(() => undefined, (e: unknown) => e);
assert.ok(bad instanceof QuarryClientError && bad.status === 400 && bad.code, `a 400 with a code: ${JSON.stringify(bad)}`);

// $transaction: lazily built operations, run together, results in order and revived
const [created, count, first] = await db.$transaction([
  db.user.create({ data: { email: email('tx') } }),
  db.user.count({ where: { email: email('tx') } }),
  db.post.findFirst({ where: mine, orderBy: { title: 'asc' } }),
]);
assert.equal(count, 1);
assert.ok(created.createdAt instanceof Date);
assert.ok(first?.createdAt instanceof Date);
// one failing operation rolls back the others
await rejects(db.$transaction([db.user.create({ data: { email: email('rolled') } }), db.user.create({ data: { email: email('ada') } })]), 'P2002', 409);
assert.equal(await db.user.count({ where: { email: email('rolled') } }), 0);
await db.user.delete({ where: { id: created.id } });
// an operation is sent once, when awaited, however often it is awaited
const built = db.user.create({ data: { email: email('once') } });
const [a, b] = await Promise.all([built, built]);
assert.equal(a.id, b.id);
await db.user.delete({ where: { id: a.id } });

// AbortSignal
const aborted = new AbortController();
aborted.abort();
await assert.rejects(db.user.findMany({}, { signal: aborted.signal }), (e: Error) => e.name === 'AbortError');

// per-call headers and the custom fetch: seen on the wire
const seen: Record<string, string>[] = [];
const spying = createClient({
  baseUrl,
  token: 'not-checked-here',
  fetch: (input, init) => {
    seen.push(init?.headers as Record<string, string>);
    return fetch(input, init);
  },
});
await spying.user.count({}, { headers: { 'x-request-id': tag } });
assert.equal(seen[0]!['x-request-id'], tag);
assert.equal(seen[0]!['authorization'], 'Bearer not-checked-here');

// ETag on a single read, then If-Match on the resource route
const { data, etag } = await db.user.findUnique({ where: { id: ada.id }, select: { id: true, name: true } }).withETag();
assert.deepEqual(data, { id: ada.id, name: 'Ada Lovelace' });
assert.ok(etag && etag.startsWith('"'), String(etag));
const missing = await db.user.findUnique({ where: { id: 'missing-' + tag } }).withETag();
assert.deepEqual(missing, { data: null, etag: null });
const stale = await fetch(`${baseUrl}/api/users/${ada.id}`, {
  method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': '"stale"' }, body: JSON.stringify({ name: 'x' }),
});
assert.equal(stale.status, 412);
const fresh = await fetch(`${baseUrl}/api/users/${ada.id}`, {
  method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': etag! }, body: JSON.stringify({ name: 'Ada' }),
});
assert.equal(fresh.status, 200);

await db.post.deleteMany({ where: mine });
await db.user.delete({ where: { id: ada.id } });
console.log('runtime-blog: all operations passed');
