/**
 * The durable spool (one file per message, fsync'ed before 250) and the queue manager that takes
 * spooled messages to their next hops, retries temporary failures with backoff and records
 * permanent ones.
 */
package jp.lgwansim.relay.queue;
