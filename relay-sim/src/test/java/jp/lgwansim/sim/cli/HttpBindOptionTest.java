package jp.lgwansim.sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jp.lgwansim.relay.net.Cidr;
import org.junit.jupiter.api.Test;

/** {@code --http-bind}: loopback unless the user types another address, and then a warning. */
class HttpBindOptionTest {

  private static HttpBindOption typed(String text) {
    HttpBindOption o = new HttpBindOption();
    o.text = text;
    return o;
  }

  @Test
  void byDefault_listensOnLoopbackOnlyAndSaysNothing() {
    HttpBindOption o = new HttpBindOption();
    assertEquals("127.0.0.1", o.address().getHostAddress());
    assertFalse(HttpBindOption.isShared(o.address()));
    assertEquals("", HttpBindOption.warning(o.address()));
    assertFalse(HttpBindOption.isShared(typed("127.0.0.2").address()));
  }

  @Test
  void aTypedLanAddress_isSharedWithAWarningInBothLanguages() {
    String w = HttpBindOption.warning(typed("0.0.0.0").address());
    assertTrue(HttpBindOption.isShared(Cidr.parseIpv4("192.168.1.10")));
    assertTrue(w.contains("公開しています") && w.contains("Anyone on that network"), w);
  }

  @Test
  void aNameOrGarbage_isRefusedSayingWhatToType() {
    CliFailure f = assertThrows(CliFailure.class, () -> typed("localhost").address());
    assertTrue(f.text().ja().contains("IPv4 アドレス") && f.text().en().contains("IPv4 address"));
  }
}
