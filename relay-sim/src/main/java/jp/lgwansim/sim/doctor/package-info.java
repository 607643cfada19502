/**
 * The DNS doctor ({@code lgwan-sim check}): what the article asks administrators to check, asked of
 * a running simulation over the network as an administrator would (DNS, WHOIS, SMTP).
 */
package jp.lgwansim.sim.doctor;
