package jp.lgwansim.relay.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void contains_andOverlaps() {
    Cidr lgwan = Cidr.parse("127.10.0.0/16");
    assertTrue(lgwan.contains(Cidr.parseIpv4("127.10.255.1")));
    assertFalse(lgwan.contains(Cidr.parseIpv4("127.20.0.1")));
    assertTrue(lgwan.overlaps(Cidr.parse("127.0.0.0/8")));
    assertFalse(lgwan.overlaps(Cidr.parse("127.20.0.0/16")));
  }

  @Test
  void parse_rejectsHostBitsAndNames() {
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("127.10.0.1/16"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost/8"));
    assertThrows(IllegalArgumentException.class, () -> Cidr.parse("127.10.0.0/33"));
  }
}
