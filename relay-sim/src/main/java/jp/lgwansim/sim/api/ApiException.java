package jp.lgwansim.sim.api;

import jp.lgwansim.relay.trace.Bilingual;

/**
 * A request the API answers with an error: the HTTP status and what the user reads, in both
 * languages. The client gets {@code {"error":{"ja","en"}}}; never a stack trace.
 */
public final class ApiException extends Exception {
  private final int status;
  private final Bilingual error;

  public ApiException(int status, Bilingual error) {
    super(error.en());
    this.status = status;
    this.error = error;
  }

  public ApiException(int status, Bilingual error, Throwable cause) {
    super(error.en(), cause);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public Bilingual error() {
    return error;
  }

  static ApiException badRequest(String ja, String en) {
    return new ApiException(400, Bilingual.of(ja, en));
  }
}
