// Type tests of withDeleted, the argument of a soft-delete model's reads (@deletedAt), under tsc --strict: it is an
// argument of the whole read, so a relation inside include/select does not take it, nor does a model without @deletedAt.
import { createClient } from '../clients/soft-delete/index.js';
import { createClient as createBlogClient } from '../clients/blog/index.js';

const db = createClient({ baseUrl: 'http://localhost:8080' });
const blog = createBlogClient({ baseUrl: 'http://localhost:8080' });

export async function positives() {
  await db.user.findMany({ withDeleted: true, include: { posts: { where: { views: { gt: 0 } } } } });
  await db.user.findFirst({ withDeleted: false });
  await db.user.findUnique({ where: { id: 1 }, withDeleted: true });
  await db.post.count({ withDeleted: true });
  await db.post.aggregate({ withDeleted: true, _sum: { views: true } });
  await db.post.groupBy({ by: ['authorId'], withDeleted: true });
}

export async function negatives() {
  // @ts-expect-error withDeleted belongs to the whole read, not to a relation in it
  await db.user.findMany({ include: { posts: { withDeleted: true } } });
  // @ts-expect-error withDeleted is true or false
  await db.user.findMany({ withDeleted: 'yes' });
  // @ts-expect-error the blog's User has no @deletedAt
  await blog.user.findMany({ withDeleted: true });
}
