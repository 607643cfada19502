package jp.lgwansim.sim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Prints the {@code {"message":{"ja","en"}}} a control request answers: Japanese, then English. */
final class Replies {
  private Replies() {}

  static void print(PrintWriter out, JsonNode answer) {
    JsonNode m = answer.path("message");
    out.println(m.path("ja").asText());
    out.println(m.path("en").asText());
    out.flush();
  }
}
