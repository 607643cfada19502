package jp.lgwansim.relay.dns;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The DNS part of a topology cannot be served. Carries every problem found, not just the first, so
 * a user fixes the file in one pass; nothing should start when this is thrown.
 */
public final class DnsCompileException extends Exception {
  private final List<DnsProblem> problems;

  public DnsCompileException(List<DnsProblem> problems) {
    super(
        "DNSの設定に誤りがあります / The DNS records of the topology have errors:\n"
            + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a compile error needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public List<DnsProblem> problems() {
    return problems;
  }
}
