/** Query stage 1: the request's arguments as parsed, not yet resolved against the schema. */
package dev.quarry.query.args;
