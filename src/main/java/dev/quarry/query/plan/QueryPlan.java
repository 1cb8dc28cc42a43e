package dev.quarry.query.plan;

/** A resolved read, ready to be compiled to one SQL statement. */
public sealed interface QueryPlan permits FindPlan, AggregatePlan {}
