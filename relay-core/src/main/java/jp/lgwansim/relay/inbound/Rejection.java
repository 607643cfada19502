package jp.lgwansim.relay.inbound;

import jp.lgwansim.relay.trace.Bilingual;

/**
 * A refusal at an SMTP stage.
 *
 * @param code the reply code, e.g. 550
 * @param reply the reply text sent to the client (ASCII: SMTP replies are not UTF-8), starting with
 *     the enhanced status code
 * @param why the explanation for the trace
 */
public record Rejection(int code, String reply, Bilingual why) {}
