'use client';
// A client component: the browser itself creates the post through Quarry's generated client (a CORS request).
import { createClient, QuarryClientError } from 'quarry-client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

export function NewPost({ baseUrl, authorId }: { baseUrl: string; authorId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      await createClient({ baseUrl }).post.create({
        data: { title: String(form.get('title')), body: String(form.get('body')), author: { connect: { id: authorId } } },
      });
      setError(null);
      router.refresh(); // the server component reads again: the new post comes from the database
    } catch (e) {
      setError(e instanceof QuarryClientError ? `${e.code ?? e.status}: ${e.message}` : String(e));
    }
  }

  return (
    <form onSubmit={submit}>
      <input name="title" placeholder="Title" required />
      <input name="body" placeholder="Body" required />
      <button type="submit">Post</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
