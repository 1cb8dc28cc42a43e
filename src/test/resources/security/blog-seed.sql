-- Alice and Bob, each with a published post and a draft; Carol has none.
INSERT INTO "User" (id, email, name, "updatedAt") VALUES
    ('u_alice', 'alice@example.com', 'Alice', now()),
    ('u_bob', 'bob@example.com', 'Bob', now()),
    ('u_carol', 'carol@example.com', 'Carol', now());
INSERT INTO "Post" (id, title, body, published, "authorId") VALUES
    ('p_alice_pub', 'Alice in public', 'hello', true, 'u_alice'),
    ('p_alice_draft', 'Alice draft', 'secret', false, 'u_alice'),
    ('p_bob_pub', 'Bob in public', 'hi', true, 'u_bob'),
    ('p_bob_draft', 'Bob draft', 'secret', false, 'u_bob');
-- A post titled 'slow…' takes two seconds to insert: the statement timeout's test.
CREATE FUNCTION slow_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.title LIKE 'slow%' THEN PERFORM pg_sleep(2); END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER slow_post BEFORE INSERT ON "Post" FOR EACH ROW EXECUTE FUNCTION slow_post();
