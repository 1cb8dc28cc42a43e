// Type tests of the blog's client under tsc --strict: each positive case must compile, each
// `@ts-expect-error` line must be an error (tsc fails when it is not).
import { createClient, QuarryClientError, type User, type Post, type UserGetPayload, type UserWhereInput } from '../clients/blog/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

const db = createClient({ baseUrl: 'http://localhost:8080' });

export async function positives() {
  // the seed's query: include gives posts: Post[]
  const users = await db.user.findMany({ where: { active: true }, orderBy: { createdAt: 'desc' }, include: { posts: true } });
  expectType<Equal<(typeof users)[number], { id: string; email: string; name: string | null; active: boolean; createdAt: Date; updatedAt: Date; posts: Post[] }>>();
  const first = users[0];
  if (first) {
    const title: string = first.posts[0]?.title ?? '';
    const created: Date = first.createdAt;
    void title, created;
  }

  // select narrows to exactly the fields chosen
  const emails = await db.user.findMany({ select: { email: true } });
  expectType<Equal<typeof emails, { email: string }[]>>();

  // nested select inside an include, _count typed
  const withCounts = await db.user.findFirstOrThrow({ select: { id: true, posts: { select: { title: true } }, _count: { select: { posts: true } } } });
  expectType<Equal<typeof withCounts, { id: string; posts: { title: string }[]; _count: { posts: number } }>>();
  const counted = await db.user.findMany({ include: { _count: true } });
  expectType<Equal<(typeof counted)[number]['_count'], { posts: number }>>();

  // omit removes the field
  const omitted = await db.user.findUniqueOrThrow({ where: { id: 'x' }, omit: { email: true } });
  expectType<Equal<keyof typeof omitted, 'id' | 'name' | 'active' | 'createdAt' | 'updatedAt'>>();

  // findUnique may be null, XOrThrow never is
  const maybe = await db.user.findUnique({ where: { email: 'a@b.c' } });
  expectType<Equal<typeof maybe, User | null>>();
  const sure = await db.post.findUniqueOrThrow({ where: { id: 'p' }, include: { author: true } });
  expectType<Equal<typeof sure.author, User>>();

  // GetPayload by name
  type WithPosts = UserGetPayload<{ include: { posts: true } }>;
  expectType<Equal<WithPosts['posts'], Post[]>>();

  // writes
  const created = await db.user.create({ data: { email: 'a@b.c', posts: { create: [{ title: 't', body: 'b' }] } }, include: { posts: true } });
  expectType<Equal<typeof created.posts, Post[]>>();
  const post = await db.post.create({ data: { title: 't', body: 'b', authorId: created.id } });
  const checked = await db.post.create({ data: { title: 't', body: 'b', author: { connect: { id: created.id } } }, select: { id: true } });
  expectType<Equal<typeof checked, { id: string }>>();
  const batch = await db.post.createMany({ data: [{ title: 't', body: 'b', authorId: created.id }] });
  expectType<Equal<typeof batch, { count: number }>>();
  const returned = await db.post.createManyAndReturn({ data: [{ title: 't', body: 'b', authorId: created.id }], select: { title: true } });
  expectType<Equal<typeof returned, { title: string }[]>>();
  await db.user.update({ where: { id: created.id }, data: { name: { set: null } } });
  await db.user.updateMany({ where: { email: { endsWith: '@b.c' } }, data: { active: false } });
  await db.user.updateManyAndReturn({ where: { active: false }, data: { active: true }, select: { active: true } });
  await db.user.upsert({ where: { email: 'a@b.c' }, create: { email: 'a@b.c' }, update: { name: 'A' } });
  await db.post.delete({ where: { id: post.id } });
  await db.post.deleteMany({ where: { authorId: created.id } });

  // count, aggregate, groupBy
  const n: number = await db.user.count({ where: { active: true } });
  const perField = await db.user.count({ select: { _all: true, name: true } });
  expectType<Equal<typeof perField, { _all: number; name: number }>>();
  const agg = await db.user.aggregate({ _count: { _all: true }, _min: { createdAt: true } });
  expectType<Equal<typeof agg, { _count: { _all: number }; _min: { createdAt: Date | null } }>>();
  const groups = await db.post.groupBy({ by: ['authorId'], _count: { _all: true } });
  expectType<Equal<typeof groups, { authorId: string; _count: { _all: number } }[]>>();

  // $transaction keeps each result's type, in order
  const [u, c] = await db.$transaction([db.user.findMany({ select: { id: true } }), db.post.count()]);
  expectType<Equal<typeof u, { id: string }[]>>();
  expectType<Equal<typeof c, number>>();

  // errors, AbortSignal, per-call headers, ETag
  try {
    await db.user.create({ data: { email: 'a@b.c' } }, { signal: AbortSignal.timeout(1000), headers: { 'x-request-id': '1' } });
  } catch (e) {
    if (e instanceof QuarryClientError && e.code === 'P2002') {
      const status: number = e.status;
      void status;
    }
  }
  const { data, etag } = await db.user.findUnique({ where: { id: 'x' } }).withETag();
  expectType<Equal<typeof data, User | null>>();
  expectType<Equal<typeof etag, string | null>>();

  const where: UserWhereInput = { OR: [{ name: null }, { posts: { some: { published: true } } }] };
  void n, where;
}

export async function negatives() {
  const emails = await db.user.findMany({ select: { email: true } });
  // @ts-expect-error a field outside the select
  void emails[0]?.name;
  // @ts-expect-error an unknown where field
  await db.user.findMany({ where: { nickname: 'x' } });
  // @ts-expect-error an unknown where field beside a known one
  await db.user.findMany({ where: { email: 'a', nickname: 'x' } });
  // @ts-expect-error a wrong value type
  await db.user.findMany({ where: { active: 'yes' } });
  // @ts-expect-error a missing required create field (email)
  await db.user.create({ data: { name: 'x' } });
  // @ts-expect-error a missing required create field (title) in a nested create
  await db.user.create({ data: { email: 'e', posts: { create: { body: 'b' } } } });
  // @ts-expect-error findUnique needs a unique field
  await db.user.findUnique({ where: { name: 'x' } });
  // @ts-expect-error select and unknown relation
  await db.user.findMany({ include: { comments: true } });
  const sure = await db.user.findUniqueOrThrow({ where: { id: 'x' } });
  // @ts-expect-error posts is not included
  void sure.posts;
  // @ts-expect-error an operation outside Prisma's
  void db.user.findAll;
  const maybe = await db.user.findFirst();
  // @ts-expect-error findFirst may be null
  void maybe.id;
}
