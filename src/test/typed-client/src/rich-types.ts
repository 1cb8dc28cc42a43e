// Type tests of the client of the schema with every type and relation shape, under tsc --strict.
import { createClient, type Account, type Role, type DocumentGetPayload, type MembershipWhereUniqueInput } from '../clients/rich/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

const db = createClient({ baseUrl: 'http://localhost:8080' });

export async function positives() {
  const account = await db.account.findUniqueOrThrow({ where: { id: 1 } });
  expectType<Equal<typeof account.balance, string>>();
  expectType<Equal<typeof account.ratio, string | null>>();
  expectType<Equal<typeof account.views, bigint>>();
  expectType<Equal<typeof account.avatar, Uint8Array | null>>();
  expectType<Equal<typeof account.role, 'MEMBER' | 'ADMIN'>>();
  expectType<Equal<typeof account.roles, Role[]>>();
  expectType<Equal<typeof account.tags, string[]>>();
  expectType<Equal<typeof account.createdAt, Date>>();

  // self-relation both ways, optional to-one is nullable
  const withMentor = await db.account.findFirstOrThrow({ include: { mentor: true, mentees: { select: { id: true } } } });
  expectType<Equal<typeof withMentor.mentor, Account | null>>();
  expectType<Equal<typeof withMentor.mentees, { id: number }[]>>();

  // many-to-many and a required to-one inside a select
  type DocWithLabels = DocumentGetPayload<{ select: { body: true; labels: { select: { name: true } }; owner: { select: { handle: true } } } }>;
  expectType<Equal<DocWithLabels, { body: Uint8Array; labels: { name: string }[]; owner: { handle: string } }>>();

  // compound id and compound unique
  const key: MembershipWhereUniqueInput = { teamSlug_accountId: { teamSlug: 't', accountId: 1 } };
  await db.membership.findUnique({ where: key });
  await db.account.findUnique({ where: { handle_role: { handle: 'h', role: 'ADMIN' } } });

  // inputs: bigint or number, Decimal as string or number, bytes, Date
  await db.account.update({ where: { id: 1 }, data: { views: { increment: 1n }, balance: { multiply: '2' }, tags: { push: 'x' } } });

  // aggregates keep the field types
  const agg = await db.account.aggregate({ _sum: { views: true, balance: true }, _avg: { weight: true } });
  expectType<Equal<typeof agg, { _sum: { views: bigint | null; balance: string | null }; _avg: { weight: number | null } }>>();

  // a view is read-only
  const counts = await db.documentCount.findMany({ select: { count: true } });
  expectType<Equal<typeof counts, { count: bigint }[]>>();
}

export async function inputValues() {
  await db.account.create({ data: { email: 'e', handle: 'h', views: 1n, balance: 1.5, avatar: new Uint8Array(), createdAt: new Date(), settings: { a: [1] } } });
}

export async function negatives() {
  // @ts-expect-error a view has no create
  void db.documentCount.create;
  // @ts-expect-error an enum value outside the enum
  await db.account.findMany({ where: { role: 'OWNER' } });
  // @ts-expect-error a string for a BigInt filter
  await db.account.findMany({ where: { views: { gt: 'many' } } });
  // @ts-expect-error a missing required create field (body)
  await db.document.create({ data: { title: 't', ownerId: 1 } });
  // @ts-expect-error a compound id given half
  await db.membership.findUnique({ where: { teamSlug_accountId: { teamSlug: 't' } } });
  const selected = await db.document.findFirstOrThrow({ select: { title: true } });
  // @ts-expect-error a field outside the select
  void selected.body;
  // @ts-expect-error checked and unchecked inputs mixed
  await db.document.create({ data: { title: 't', body: new Uint8Array(), ownerId: 1, owner: { connect: { id: 1 } } } });
}
