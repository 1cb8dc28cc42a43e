// The seed's query, written once. It is compiled (tsc --strict) and run twice: beside quarry/db.ts (Quarry's
// generated client) and beside prisma/db.ts (Prisma Client 7); nothing else differs.
import { db } from './db.js';

const users = await db.user.findMany({
  where: { active: true },
  orderBy: { createdAt: 'desc' },
  include: { posts: true },
});

// the result type follows the include on both sides: posts is Post[], createdAt a Date
const titles: string[][] = users.map((user) => user.posts.map((post) => post.title));
const newest: Date | undefined = users[0]?.createdAt;
void titles;
void newest;

// dates as ISO (Date.prototype.toJSON); posts by id, since the query leaves their order open
const stable = users.map((user) => ({ ...user, posts: [...user.posts].sort((a, b) => a.id.localeCompare(b.id)) }));
process.stdout.write(JSON.stringify(stable) + '\n');
process.exit(0); // Prisma's pg pool would keep the process alive; stdout to a file or pipe is synchronous
