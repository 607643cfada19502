/**
 * Typed events of everything a node does, published on a {@link jp.lgwansim.relay.trace.TraceBus}.
 * Tests wait on them; the API and the dashboard stream them; {@code lgwan-sim trace} prints them as
 * the numbered steps of the article's Figure 3.
 */
package jp.lgwansim.relay.trace;
