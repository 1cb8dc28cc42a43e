INSERT INTO "Team" (name) VALUES ('red'), ('blue');
