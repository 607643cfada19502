package jp.lgwansim.relay.topology;

import java.time.Duration;

/**
 * How every node of a simulation queues, retries and gives up, with Postfix's parameter names. The
 * defaults are scaled for training: a trainee sees a retry within seconds and a bounce for a dead
 * destination within the lesson, not after Postfix's five days.
 *
 * @param minimalBackoffTime first retry delay (Postfix minimal_backoff_time, 300s there)
 * @param maximalBackoffTime longest delay between tries (Postfix maximal_backoff_time, 4000s)
 * @param maximalQueueLifetime give up and bounce after this long (Postfix maximal_queue_lifetime,
 *     5d)
 * @param delayWarningTime send the sender a "delayed" notice once a message has waited this long;
 *     zero = never (Postfix delay_warning_time, 0h)
 * @param hopcountLimit refuse a message with this many Received headers as a loop (Postfix
 *     hopcount_limit, 50)
 * @param messageSizeLimit largest message in bytes (Postfix message_size_limit, 10240000)
 * @param destinationConcurrencyLimit parallel deliveries to one next hop (Postfix
 *     default_destination_concurrency_limit, 20)
 */
public record QueueSettings(
    Duration minimalBackoffTime,
    Duration maximalBackoffTime,
    Duration maximalQueueLifetime,
    Duration delayWarningTime,
    int hopcountLimit,
    int messageSizeLimit,
    int destinationConcurrencyLimit) {

  public static final QueueSettings DEFAULTS =
      new QueueSettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(60),
          Duration.ofMinutes(30),
          Duration.ZERO,
          50,
          10_240_000,
          20);

  public QueueSettings withBackoff(Duration minimal, Duration maximal, Duration lifetime) {
    return new QueueSettings(
        minimal,
        maximal,
        lifetime,
        delayWarningTime,
        hopcountLimit,
        messageSizeLimit,
        destinationConcurrencyLimit);
  }

  public QueueSettings withDestinationConcurrencyLimit(int limit) {
    return new QueueSettings(
        minimalBackoffTime,
        maximalBackoffTime,
        maximalQueueLifetime,
        delayWarningTime,
        hopcountLimit,
        messageSizeLimit,
        limit);
  }

  public QueueSettings withDelayWarningTime(Duration warning) {
    return new QueueSettings(
        minimalBackoffTime,
        maximalBackoffTime,
        maximalQueueLifetime,
        warning,
        hopcountLimit,
        messageSizeLimit,
        destinationConcurrencyLimit);
  }
}
