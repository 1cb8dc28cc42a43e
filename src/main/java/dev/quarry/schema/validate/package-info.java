/**
 * Schema core, stage 3: one small check per method over the resolved schema, skipped when earlier stages failed.
 */
package dev.quarry.schema.validate;
