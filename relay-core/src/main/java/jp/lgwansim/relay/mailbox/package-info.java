/** The final mailboxes of a node's domains, served over IMAP and POP3 by GreenMail. */
package jp.lgwansim.relay.mailbox;
