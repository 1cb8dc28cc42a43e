CREATE TABLE "User" ("id" TEXT NOT NULL, "email" TEXT NOT NULL, "name" TEXT, "counter" INTEGER NOT NULL DEFAULT 0,
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0, "tags" TEXT[], "settings" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP, "updatedAt" TIMESTAMP(3) NOT NULL, CONSTRAINT "User_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE TABLE "Profile" ("id" SERIAL NOT NULL, "bio" TEXT NOT NULL, "userId" TEXT NOT NULL, CONSTRAINT "Profile_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "Profile_userId_key" ON "Profile"("userId");
CREATE TABLE "Post" ("id" SERIAL NOT NULL, "title" TEXT NOT NULL, "views" INTEGER NOT NULL DEFAULT 0, "authorId" TEXT, CONSTRAINT "Post_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Tag" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "Tag_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "Tag_name_key" ON "Tag"("name");
CREATE TABLE "Comment" ("id" SERIAL NOT NULL, "text" TEXT NOT NULL, "postId" INTEGER NOT NULL, "userId" TEXT NOT NULL, CONSTRAINT "Comment_pkey" PRIMARY KEY ("id"));
CREATE TABLE "Category" ("id" SERIAL NOT NULL, "name" TEXT NOT NULL, "parentId" INTEGER DEFAULT 1, CONSTRAINT "Category_pkey" PRIMARY KEY ("id"));
CREATE UNIQUE INDEX "Category_name_key" ON "Category"("name");
CREATE TABLE "Setting" ("scope" TEXT NOT NULL, "key" TEXT NOT NULL, "value" TEXT NOT NULL, "token" TEXT NOT NULL, "ref" TEXT NOT NULL,
    "uid" TEXT NOT NULL, "code" TEXT NOT NULL, CONSTRAINT "Setting_pkey" PRIMARY KEY ("scope", "key"));
CREATE TABLE "_PostToTag" ("A" INTEGER NOT NULL, "B" INTEGER NOT NULL, CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A", "B"));
CREATE INDEX "_PostToTag_B_index" ON "_PostToTag"("B");
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
ALTER TABLE "Category" ADD CONSTRAINT "Category_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Category"("id") ON DELETE SET DEFAULT ON UPDATE CASCADE;
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE VIEW "UserName" AS SELECT "id", "email" FROM "User";
INSERT INTO "Category" ("id", "name", "parentId") VALUES (1, 'root', NULL);
SELECT setval('"Category_id_seq"', 1);
