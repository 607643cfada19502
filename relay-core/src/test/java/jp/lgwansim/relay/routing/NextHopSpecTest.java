package jp.lgwansim.relay.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NextHopSpecTest {
  @Test
  void parse_postfixForms() {
    assertEquals(new NextHopSpec("poi.lgwan.jp", true, 2525), NextHopSpec.parse("[poi.lgwan.jp]"));
    assertEquals(new NextHopSpec("poi.lgwan.jp", false, 2525), NextHopSpec.parse("poi.lgwan.jp"));
    assertEquals(new NextHopSpec("poi.lgwan.jp", true, 25), NextHopSpec.parse("[POI.lgwan.jp]:25"));
    assertEquals(new NextHopSpec("poi.lgwan.jp", false, 26), NextHopSpec.parse("poi.lgwan.jp:26"));
  }

  @Test
  void parse_badForms_sayWhatIsExpected() {
    assertThrows(IllegalArgumentException.class, () -> NextHopSpec.parse("[]"));
    assertThrows(IllegalArgumentException.class, () -> NextHopSpec.parse("[a.jp]:x"));
    assertThrows(IllegalArgumentException.class, () -> NextHopSpec.parse("a.jp:70000"));
  }
}
