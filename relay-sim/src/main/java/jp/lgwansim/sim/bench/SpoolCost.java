package jp.lgwansim.sim.bench;

import java.io.PrintWriter;

/**
 * What "nothing is lost" costs: the same hop with the spool forced to disk before every 250, and
 * with fsync off. Both runs happen in one process, one after the other, after a warm-up, so the
 * ratio compares like with like on whatever machine it runs on.
 */
public final class SpoolCost {
  private final RelayThroughput bench;
  private final int messages;
  private final int clients;
  private final int size;

  public SpoolCost(int messages, int clients, int size) {
    this.bench = new RelayThroughput(messages, clients, size);
    this.messages = messages;
    this.clients = clients;
    this.size = size;
  }

  public void run(PrintWriter out) throws Exception {
    out.printf(
        "1 ホップの中継 (クライアント → relay → town)、%d 通 × %d バイト、クライアント %d%n"
            + "One relay hop (client → relay → town), %d messages of %d bytes, %d clients%n",
        messages, size, clients, messages, size, clients);
    out.flush();
    new RelayThroughput(Math.min(500, messages), clients, size).run(false); // JIT warm-up
    RelayThroughput.Result durable = bench.run(true);
    print(out, "fsync あり / durable spool (fsync)", durable);
    RelayThroughput.Result unsafe = bench.run(false);
    print(out, "fsync なし / fsync off", unsafe);
    out.printf(
        "比 / ratio: fsync あり ÷ なし = %.2f  (durable ÷ fsync off)%n",
        durable.perSecond() / unsafe.perSecond());
    out.flush();
  }

  private static void print(PrintWriter out, String label, RelayThroughput.Result r) {
    out.printf(
        "  %-36s %8.0f 通/秒 msg/s  (%d 通 / %.2f 秒 s)%n",
        label, r.perSecond(), r.messages(), r.elapsed().toNanos() / 1e9);
    out.flush();
  }
}
