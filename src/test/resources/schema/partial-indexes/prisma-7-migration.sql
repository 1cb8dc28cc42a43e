-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL,
    "email" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "score" INTEGER,
    "published" BOOLEAN NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email") WHERE (status = 'active');

-- CreateIndex
CREATE INDEX "User_status_idx" ON "User"("status") WHERE ("published" != false);

-- CreateIndex
CREATE INDEX "User_score_idx" ON "User"("score") WHERE ("published" = true AND "score" IS NOT NULL);

-- CreateIndex
CREATE INDEX "User_id_idx" ON "User"("id") WHERE ("status" = 'x' AND "score" = 3);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email") WHERE ("deletedAt" IS NULL);
