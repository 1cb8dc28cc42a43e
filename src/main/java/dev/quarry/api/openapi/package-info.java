/** The OpenAPI 3.1 document generated from the schema. */
package dev.quarry.api.openapi;
