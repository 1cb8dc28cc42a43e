/** The HTTP API: JAX-RS resources over the query stages, and the one place errors become problem responses. */
package dev.quarry.api;
