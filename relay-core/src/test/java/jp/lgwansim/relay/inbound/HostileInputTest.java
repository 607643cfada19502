package jp.lgwansim.relay.inbound;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import jp.lgwansim.relay.support.RunningCluster;
import jp.lgwansim.relay.support.TopologyBuilder;
import jp.lgwansim.relay.trace.TraceType;
import org.junit.jupiter.api.Test;

/**
 * Whatever a client sends, the node answers and keeps working: junk commands, binary bytes,
 * headerless and malformed messages, bare LF line ends. Each is followed by a normal mail that must
 * still be delivered.
 */
class HostileInputTest {

  @Test
  void node_survivesJunkAndMalformedMail_andStillDelivers() throws Exception {
    TopologyBuilder t = new TopologyBuilder().mxNode("a", "mail.a.lg.jp", "a.lg.jp");
    try (RunningCluster c = new RunningCluster(t.build())) {
      InetSocketAddress at = c.node("a").smtpAddress(TopologyBuilder.NETWORK).orElseThrow();
      String[] dialogues = {
        "HELO x\r\nFOO BAR\r\n\u0000\u00ff\u00fe garbage\r\nQUIT\r\n",
        "EHLO x\r\nMAIL FROM:<>\r\nRCPT TO:<user@a.lg.jp>\r\nDATA\r\nno headers at all\r\n.\r\nQUIT\r\n",
        "EHLO x\r\nMAIL FROM:<a@a.lg.jp>\r\nRCPT TO:<user@a.lg.jp>\r\nDATA\r\n"
            + "Subject: =?UTF-8?B?!!!not-base64?=\r\nContent-Type: multipart/mixed; boundary=\r\n"
            + "X-Long: "
            + "y".repeat(100_000)
            + "\r\n\r\n--\r\n.\r\nQUIT\r\n",
        "EHLO x\r\nMAIL FROM:<a@a.lg.jp>\r\nRCPT TO:<no-at-sign>\r\nRCPT TO:<@>\r\nQUIT\r\n",
      };
      for (int i = 0; i < dialogues.length; i++) {
        String reply;
        try {
          reply = talk(at, dialogues[i]);
        } catch (java.net.SocketTimeoutException e) {
          throw new AssertionError("dialogue " + i + " hung", e);
        }
        assertTrue(reply.startsWith("220"), reply);
      }
      // Bare LF never ends DATA (RFC 5321 wants CRLF.CRLF): such a client hangs until it gives up,
      // but it holds only its own connection, not the node.
      try (Socket stuck = new Socket(at.getAddress(), at.getPort())) {
        stuck
            .getOutputStream()
            .write(
                "EHLO x\nMAIL FROM:<a@a.lg.jp>\nRCPT TO:<user@a.lg.jp>\nDATA\nbare LF\n.\n"
                    .getBytes(StandardCharsets.US_ASCII));
        String id = c.send("a", "user@a.lg.jp", "user@a.lg.jp");
        c.await("a normal mail beside a stuck client", TraceType.DELIVERED, id, "a");
      }
      String id = c.send("a", "user@a.lg.jp", "user@a.lg.jp");
      c.await("a normal mail after the junk", TraceType.DELIVERED, id, "a");
    }
  }

  /** Sends the dialogue as raw bytes and returns everything the server said until it closed. */
  private static String talk(InetSocketAddress at, String dialogue) throws Exception {
    try (Socket s = new Socket(at.getAddress(), at.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(dialogue.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      StringBuilder said = new StringBuilder();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      for (String line; (line = in.readLine()) != null; ) {
        said.append(line).append('\n');
        if (line.startsWith("221")) {
          break;
        }
      }
      return said.toString();
    }
  }
}
