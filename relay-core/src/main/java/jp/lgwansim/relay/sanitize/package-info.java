/**
 * 無害化 (sanitizing): how a security cloud gateway of the three-layer separation model turns mail
 * from the Internet into something safe to hand into LGWAN, keeping the original aside.
 */
package jp.lgwansim.relay.sanitize;
