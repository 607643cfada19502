/**
 * SMTP in: a SubEthaSMTP listener per address of a node. At RCPT it applies the relay policy; at
 * DATA it checks size and hop count, adds the node's Received header and spools the message before
 * answering 250. It never calls the sender: the queue manager takes it from the spool.
 */
package jp.lgwansim.relay.inbound;
