/**
 * The registry side of the article's sections 4 to 6: which domains are registered, through which
 * registrar (J-LIS for LG.JP), with which name servers and glue; the municipalities' own
 * authoritative DNS servers on the Internet; the parent zones' delegations that the Internet's
 * resolver follows; and the rules of Tables 1 and 2 for a change of name server.
 */
package jp.lgwansim.sim.registry;
