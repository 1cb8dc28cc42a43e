/** Shared by the query stages: the argument path ({@code ArgPath}) and the query errors with Prisma's codes. */
package dev.quarry.query;
