// The seed's page: a server component reads users with their posts through Quarry's generated client.
import { createClient } from 'quarry-client';
import { NewPost } from './new-post';

export const dynamic = 'force-dynamic';

export default async function Page() {
  // read at request time, so one build serves any Quarry address
  const baseUrl = process.env.QUARRY_URL!;
  const db = createClient({ baseUrl });
  const users = await db.user.findMany({
    where: { active: true },
    orderBy: { createdAt: 'desc' },
    include: { posts: { orderBy: { createdAt: 'asc' } } },
  });
  return (
    <main>
      <h1>Users</h1>
      <ul id="users">
        {users.map((user) => (
          <li key={user.id} data-user={user.email}>
            <strong>{user.name ?? user.email}</strong> since {user.createdAt.toISOString().slice(0, 10)}
            <ul>
              {user.posts.map((post) => (
                <li key={post.id} className="post">{post.title}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {users[0] && <NewPost baseUrl={baseUrl} authorId={users[0].id} />}
    </main>
  );
}
