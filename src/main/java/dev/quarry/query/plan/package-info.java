/**
 * Query stage 2: read arguments resolved against the schema into plan trees ({@code FindPlan}, {@code ReadPlan},
 * {@code Filter}, {@code Selection}, {@code AggregatePlan}); values are bound, never rendered.
 */
package dev.quarry.query.plan;
