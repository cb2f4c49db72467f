package io.github.cloudeventshandler.core;

import java.util.Locale;

/** {@code CEH_BATCH}: one request per record, or one request for the whole native event. */
public enum BatchMode {
  /** One request per record (default); each record's outcome is reported on its own. */
  PER_RECORD,
  /** One request with the whole native event; its status applies to every record. */
  WHOLE;

  /** Parses {@code per-record} or {@code whole}, ignoring case. */
  public static BatchMode parse(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "per-record" -> PER_RECORD;
      case "whole" -> WHOLE;
      default ->
          throw new ConfigurationException(
              "CEH_BATCH must be 'per-record' or 'whole', not '" + value + "'");
    };
  }
}
