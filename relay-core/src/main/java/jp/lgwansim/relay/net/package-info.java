/**
 * The simulated networks: which loopback address belongs to which network, and where a simulated
 * address really listens. A node reaches only addresses of networks it is attached to; that is how
 * the closed network stays closed.
 */
package jp.lgwansim.relay.net;
