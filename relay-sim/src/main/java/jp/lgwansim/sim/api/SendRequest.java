package jp.lgwansim.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/send}, checked: {@code from} and {@code to} are required addresses
 * ({@code to} an array, or one string), {@code subject} and {@code body} optional strings.
 */
public record SendRequest(
    InternetAddress from, List<InternetAddress> to, String subject, String body) {

  public SendRequest {
    to = List.copyOf(to);
  }

  /**
   * @throws ApiException 400 naming the field that is missing or wrong
   */
  public static SendRequest parse(JsonNode json) throws ApiException {
    if (json == null || !json.isObject()) {
      throw ApiException.badRequest(
          "本文は JSON オブジェクト {\"from\",\"to\":[..],\"subject\",\"body\"} にしてください",
          "The body must be a JSON object {\"from\",\"to\":[..],\"subject\",\"body\"}");
    }
    InternetAddress from = address("from", requiredText(json, "from"));
    JsonNode toNode = json.get("to");
    List<InternetAddress> to = new ArrayList<>();
    if (toNode == null || toNode.isNull()) {
      throw missing("to");
    } else if (toNode.isTextual()) {
      to.add(address("to", toNode.asText()));
    } else if (toNode.isArray()) {
      for (JsonNode item : toNode) {
        if (!item.isTextual()) {
          throw wrongType("to", "文字列の配列", "an array of strings");
        }
        to.add(address("to", item.asText()));
      }
    } else {
      throw wrongType("to", "文字列の配列", "an array of strings");
    }
    if (to.isEmpty()) {
      throw ApiException.badRequest(
          "\"to\" に宛先を 1 つ以上書いてください", "\"to\" needs at least one recipient");
    }
    return new SendRequest(from, to, optionalText(json, "subject"), optionalText(json, "body"));
  }

  private static String requiredText(JsonNode json, String field) throws ApiException {
    JsonNode n = json.get(field);
    if (n == null || n.isNull()) {
      throw missing(field);
    }
    if (!n.isTextual()) {
      throw wrongType(field, "文字列", "a string");
    }
    return n.asText();
  }

  private static String optionalText(JsonNode json, String field) throws ApiException {
    JsonNode n = json.get(field);
    if (n == null || n.isNull()) {
      return "";
    }
    if (!n.isTextual()) {
      throw wrongType(field, "文字列", "a string");
    }
    return n.asText();
  }

  private static InternetAddress address(String field, String text) throws ApiException {
    try {
      InternetAddress a = new InternetAddress(text.trim(), true);
      if (a.getAddress().indexOf('@') < 1) {
        throw new AddressException("no domain", text);
      }
      return a;
    } catch (AddressException e) {
      throw ApiException.badRequest(
          "\"" + field + "\" のアドレス「" + text + "」が正しくありません (例: taro@city-a.lg.jp)",
          "\"" + field + "\": \"" + text + "\" is not a mail address (e.g. taro@city-a.lg.jp)");
    }
  }

  private static ApiException missing(String field) {
    return ApiException.badRequest(
        "\"" + field + "\" がありません", "The field \"" + field + "\" is missing");
  }

  private static ApiException wrongType(String field, String ja, String en) {
    return ApiException.badRequest(
        "\"" + field + "\" は" + ja + "にしてください", "\"" + field + "\" must be " + en);
  }
}
