package jp.lgwansim.sim.doctor;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the checklist.
 *
 * @param subject what was checked (a domain, a node)
 * @param check a short stable name for scripts, e.g. {@code lgwan-mx}
 * @param ok whether it passed
 * @param ja what was found, in Japanese
 * @param en the same in English
 * @param fixJa what to do when it failed (null when it passed)
 * @param fixEn the same in English
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Check(
    String subject, String check, boolean ok, String ja, String en, String fixJa, String fixEn) {

  static Check pass(String subject, String check, String ja, String en) {
    return new Check(subject, check, true, ja, en, null, null);
  }

  static Check fail(
      String subject, String check, String ja, String en, String fixJa, String fixEn) {
    return new Check(subject, check, false, ja, en, fixJa, fixEn);
  }
}
