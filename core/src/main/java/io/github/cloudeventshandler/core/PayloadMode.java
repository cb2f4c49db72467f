package io.github.cloudeventshandler.core;

import java.util.Locale;

/** {@code CEH_PAYLOAD}: what the request body is for an event record. */
public enum PayloadMode {
  /**
   * The native event narrowed to the record, in the native shape (default), so apps can read it
   * with the vendor's event classes.
   */
  NATIVE,
  /** The record's own payload: SQS {@code body}, SNS {@code Message}, decoded Pub/Sub data, ... */
  UNWRAPPED;

  /** Parses {@code native} or {@code unwrapped}, ignoring case. */
  public static PayloadMode parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "native" -> NATIVE;
      case "unwrapped" -> UNWRAPPED;
      default ->
          throw new ConfigurationException(
              "CEH_PAYLOAD must be 'native' or 'unwrapped', not '" + value + "'");
    };
  }
}
