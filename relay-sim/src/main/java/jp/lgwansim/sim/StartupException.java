package jp.lgwansim.sim;

import jp.lgwansim.relay.trace.Bilingual;

/** The simulation could not start; the message says why and what to do, in both languages. */
public final class StartupException extends Exception {
  private final Bilingual explanation;

  public StartupException(Bilingual explanation, Throwable cause) {
    super(explanation.ja() + "\n" + explanation.en(), cause);
    this.explanation = explanation;
  }

  public Bilingual explanation() {
    return explanation;
  }
}
