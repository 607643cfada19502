/**
 * Delivery status notifications (bounces and delay warnings) as Postfix's bounce daemon writes
 * them: RFC 3464 {@code message/delivery-status} inside an RFC 3462 {@code multipart/report}, sent
 * from MAILER-DAEMON with the null envelope sender so that a notice is never answered by another.
 *
 * <p>This package only makes the bytes; the queue manager decides when a notice is due and spools
 * it like any other message. It depends on {@code trace} (for {@link
 * jp.lgwansim.relay.trace.Bilingual}) and on nothing of the pipeline, so the queue can use it
 * without a cycle.
 */
package jp.lgwansim.relay.dsn;
