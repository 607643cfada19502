package jp.lgwansim.sim.api;

import java.util.Locale;

/** Where a message stands, as the API spells it. The rules are in {@link MessageTracker}. */
public enum MessageStatus {
  /** Accepted somewhere and still on its way (or waiting for its first attempt). */
  QUEUED,
  /** Every original recipient has reached a mailbox. */
  DELIVERED,
  /** The latest attempt failed temporarily; a node will try again. */
  DEFERRED,
  /** Every recipient is settled and at least one will never be delivered. */
  FAILED;

  /** {@code queued}, {@code delivered}, {@code deferred} or {@code failed}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
