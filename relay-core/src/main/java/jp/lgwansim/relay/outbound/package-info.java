/** SMTP out: hands a message to the next hop with Angus Mail and reports a closed outcome. */
package jp.lgwansim.relay.outbound;
