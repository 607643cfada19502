/** Assembles one node's pipeline: receiver, spool, queue manager, router, sender, mailboxes. */
package jp.lgwansim.relay.node;
