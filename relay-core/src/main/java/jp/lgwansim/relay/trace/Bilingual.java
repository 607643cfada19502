package jp.lgwansim.relay.trace;

/**
 * A sentence for people, in Japanese first and English beside it.
 *
 * @param ja Japanese
 * @param en English
 */
public record Bilingual(String ja, String en) {

  public static Bilingual of(String ja, String en) {
    return new Bilingual(ja, en);
  }

  /** Both languages on one line, Japanese first: {@code 日本語 / English}. */
  @Override
  public String toString() {
    return ja + " / " + en;
  }
}
