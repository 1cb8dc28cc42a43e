/** Query stage 4: runs statements on the Vert.x PostgreSQL pool (reads, streams, writes, transactions). */
package dev.quarry.query.exec;
