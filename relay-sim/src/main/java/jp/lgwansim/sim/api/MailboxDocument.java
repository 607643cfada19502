package jp.lgwansim.sim.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jp.lgwansim.sim.api.TopologyDocument.Endpoint;

/**
 * One mailbox as {@code GET /api/mailboxes} lists it: where it lives and what a trainee types into
 * Thunderbird (login = the address, no TLS, normal password).
 *
 * @param address the address, which is also the login
 * @param password the IMAP/POP3 password
 * @param node the id of the node that holds it
 * @param nodeLabel that node's human name (B町メールサーバ)
 * @param hostname that node's host name
 * @param imap the IMAP listener
 * @param pop3 the POP3 listener
 * @param messages how many messages its INBOX holds now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record MailboxDocument(
    String address,
    String password,
    String node,
    String nodeLabel,
    String hostname,
    Endpoint imap,
    Endpoint pop3,
    int messages) {}
