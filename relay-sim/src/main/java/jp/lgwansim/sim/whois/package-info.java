/**
 * A WHOIS server (RFC 3912) answering from the simulation's registry in the style of JPRS WHOIS.
 */
package jp.lgwansim.sim.whois;
