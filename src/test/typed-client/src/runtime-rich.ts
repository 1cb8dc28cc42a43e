// The client of the schema with every type and relation shape against the live server (BASE_URL):
// Decimal, BigInt, Bytes, Json, enums and lists in and out, compound keys, self- and many-to-many relations.
import assert from 'node:assert/strict';
import { createClient, QuarryClientError, Role } from '../clients/rich/index.js';

const db = createClient({ baseUrl: process.env.BASE_URL!.replace(/\/$/, '') });
const tag = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

const avatar = new Uint8Array([0, 1, 2, 250, 255]);
const mentor = await db.account.create({ data: { email: `mentor-${tag}@x.io`, handle: `mentor-${tag}` } });
assert.equal(mentor.balance, '0', 'Decimal default as a string');
assert.equal(mentor.views, 0n, 'BigInt default as a bigint');
assert.equal(mentor.avatar, null);
assert.deepEqual(mentor.settings, {});
assert.equal(mentor.role, Role.MEMBER);

const account = await db.account.create({
  data: {
    email: `ada-${tag}@x.io`, handle: `ada-${tag}`, role: 'ADMIN', roles: ['MEMBER', 'ADMIN'], tags: ['a', 'b'],
    balance: '12.34', ratio: 0.5, views: 9007199254740993n, avatar, settings: { theme: 'dark', n: [1, 2] }, weight: 1.5,
    mentor: { connect: { id: mentor.id } },
    documents: { create: [{ title: 'Doc', body: new Uint8Array([104, 105]), size: 123n, price: '9.99', labels: { create: [{ name: `l-${tag}` }] } }] },
  },
  include: { documents: { include: { labels: true } }, mentor: true },
});
assert.equal(account.role, 'ADMIN');
assert.deepEqual(account.roles, ['MEMBER', 'ADMIN']);
assert.deepEqual(account.tags, ['a', 'b']);
assert.equal(account.balance, '12.34');
assert.equal(account.ratio, '0.5');
assert.equal(account.views, 9007199254740993n, 'a BigInt beyond 2^53 survives');
assert.ok(account.avatar instanceof Uint8Array);
assert.deepEqual([...account.avatar!], [...avatar]);
assert.deepEqual(account.settings, { theme: 'dark', n: [1, 2] });
assert.ok(account.createdAt instanceof Date);
assert.equal(account.mentor?.id, mentor.id);
const doc = account.documents[0]!;
assert.ok(doc.body instanceof Uint8Array && new TextDecoder().decode(doc.body) === 'hi', 'Bytes in a nested include');
assert.equal(doc.size, 123n);
assert.equal(doc.price, '9.99');
assert.equal(doc.visibility, 'PUBLIC');
assert.equal(doc.labels[0]!.name, `l-${tag}`);

// values in where: bigint, Date, Decimal, Bytes, enum, list filters
const found = await db.account.findMany({
  where: { views: { gt: 9007199254740992n }, createdAt: { lte: new Date(Date.now() + 60_000) }, balance: { gte: '12' }, avatar: { equals: avatar },
    roles: { has: 'ADMIN' }, tags: { hasEvery: ['a'] }, email: { endsWith: `${tag}@x.io` } },
  select: { id: true, views: true, _count: { select: { documents: true, mentees: true } } },
});
assert.deepEqual(found, [{ id: account.id, views: 9007199254740993n, _count: { documents: 1, mentees: 0 } }]);
const mentees = await db.account.findUniqueOrThrow({ where: { id: mentor.id }, include: { mentees: { select: { handle: true } } } });
assert.deepEqual(mentees.mentees, [{ handle: `ada-${tag}` }]);

// compound unique and compound id
const byHandle = await db.account.findUnique({ where: { handle_role: { handle: `ada-${tag}`, role: 'ADMIN' } }, select: { id: true } });
assert.deepEqual(byHandle, { id: account.id });
const team = await db.team.create({ data: { slug: `t-${tag}`, name: 'Team', members: { create: [{ accountId: account.id }, { accountId: mentor.id }] } } });
const membership = await db.membership.findUniqueOrThrow({ where: { teamSlug_accountId: { teamSlug: team.slug, accountId: account.id } } });
assert.ok(membership.since instanceof Date);
const withETag = await db.membership.findUnique({ where: { teamSlug_accountId: { teamSlug: team.slug, accountId: account.id } }, include: { team: true } }).withETag();
assert.equal(withETag.data?.team.name, 'Team');
assert.ok(withETag.etag, 'an ETag for a compound id');

// updates: atomic number operations on BigInt and Decimal, list push, Bytes set, Json
const updated = await db.account.update({
  where: { id: account.id },
  data: { views: { increment: 7n }, balance: { decrement: '2.34' }, tags: { push: 'c' }, avatar: null, meta: { k: 'v' } },
});
assert.equal(updated.views, 9007199254741000n);
assert.equal(updated.balance, '10');
assert.deepEqual(updated.tags, ['a', 'b', 'c']);
assert.equal(updated.avatar, null);
assert.deepEqual(updated.meta, { k: 'v' });

// aggregate and groupBy revive bigint and keep Decimal exact
const aggregate = await db.account.aggregate({ where: { email: { endsWith: `${tag}@x.io` } }, _sum: { views: true, balance: true }, _max: { createdAt: true }, _count: true });
assert.equal(aggregate._count, 2);
assert.equal(aggregate._sum.views, 9007199254741000n);
assert.equal(aggregate._sum.balance, '10');
assert.ok(aggregate._max.createdAt instanceof Date);
const byRole = await db.account.groupBy({ by: ['role'], where: { email: { endsWith: `${tag}@x.io` } }, _sum: { views: true }, orderBy: { role: 'asc' } });
assert.deepEqual(byRole, [{ role: 'MEMBER', _sum: { views: 0n } }, { role: 'ADMIN', _sum: { views: 9007199254741000n } }]);

// a unique violation on the compound unique names its fields
try {
  await db.account.create({ data: { email: `other-${tag}@x.io`, handle: `ada-${tag}`, role: 'ADMIN' } });
  assert.fail('duplicate accepted');
} catch (e) {
  assert.ok(e instanceof QuarryClientError && e.code === 'P2002' && e.status === 409, String(e));
  assert.ok(JSON.stringify(e.meta).includes('handle'), JSON.stringify(e.meta));
}

// the many-to-many and the cleanup, in one transaction
const [labels, removedDocs, removedTeams, removedAccounts] = await db.$transaction([
  db.label.findMany({ where: { documents: { some: { ownerId: account.id } } }, include: { documents: { select: { size: true } } } }),
  db.document.deleteMany({ where: { ownerId: account.id } }),
  db.team.deleteMany({ where: { slug: team.slug } }),
  db.account.deleteMany({ where: { email: { endsWith: `${tag}@x.io` } } }),
]);
assert.equal(labels[0]!.documents[0]!.size, 123n, 'bigint revived inside a $transaction result');
assert.deepEqual([removedDocs.count, removedTeams.count, removedAccounts.count], [1, 1, 2]);
console.log('runtime-rich: all operations passed');
