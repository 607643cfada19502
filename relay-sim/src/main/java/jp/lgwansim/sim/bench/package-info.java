/**
 * Benchmarks run with {@code lgwan-sim bench}: real nodes on loopback measured against each other
 * in one run, quoted as ratios (never as timed unit tests).
 */
package jp.lgwansim.sim.bench;
