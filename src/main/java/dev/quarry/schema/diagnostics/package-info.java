/** Spans, source files and diagnostics shared by every schema stage; {@code SchemaErrors} holds the wording. */
package dev.quarry.schema.diagnostics;
