/** Pairs two database shapes (previous/next) and lists the steps that turn one into the other. */
package dev.quarry.migrate.diff;
