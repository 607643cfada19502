package jp.lgwansim.relay.dns;

import org.xbill.DNS.Message;

/**
 * What a {@link DnsView} that resolves does with a referral out of its own data: follows it to the
 * servers it names and returns the final response to the client's query.
 */
@FunctionalInterface
public interface ReferralFollower {

  /**
   * @param query the client's query (RD set)
   * @param referral the view's own answer to it: a referral (NS in AUTHORITY, glue in ADDITIONAL)
   * @return the response to send the client: its ID, QR, RD and RA set; SERVFAIL when no server
   *     named by the referral answered for the zone
   */
  Message follow(Message query, Message referral);
}
