package jp.lgwansim.sim.cli;

import java.io.PrintWriter;
import jp.lgwansim.relay.trace.Bilingual;

/**
 * A failure a command reports to the user in both languages and turns into an exit code; never a
 * stack trace.
 */
final class CliFailure extends RuntimeException {
  private final Bilingual text;
  private final String detail;

  CliFailure(Bilingual text) {
    this(text, "");
  }

  /**
   * @param detail printed after both lines as it is (e.g. a topology error that is itself
   *     bilingual); empty for none
   */
  CliFailure(Bilingual text, String detail) {
    super(text.en());
    this.text = text;
    this.detail = detail == null ? "" : detail;
  }

  static CliFailure of(String ja, String en) {
    return new CliFailure(Bilingual.of(ja, en));
  }

  Bilingual text() {
    return text;
  }

  int exitCode() {
    return 1;
  }

  /** Japanese line, then English line, then the detail. */
  void print(PrintWriter err) {
    err.println(text.ja());
    err.println(text.en());
    if (!detail.isBlank()) {
      err.println(detail.stripTrailing());
    }
    err.flush();
  }
}
