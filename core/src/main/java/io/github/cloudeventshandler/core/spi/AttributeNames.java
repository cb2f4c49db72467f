package io.github.cloudeventshandler.core.spi;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names of CloudEvents 1.0 attributes, and what to tell a sender whose member name is not one:
 * a CloudEvent in the JSON format written {@code "specVersion"} (as some Microsoft examples do),
 * {@code "dataContentType"} or {@code "eventType"} should hear that the spelling is the problem,
 * not that {@code specversion} is missing or that an extension name is invalid.
 *
 * <pre>{@code
 * AttributeNames.misspelling("specVersion");
 * // Optional["attribute names are lower case in CloudEvents: write 'specversion', not 'specVersion'"]
 * AttributeNames.misspelling("eventType");
 * // Optional["'eventType' is the Event Grid schema's (and CloudEvents 0.1's) name; in a CloudEvents 1.0 event it is 'type'"]
 * }</pre>
 */
public final class AttributeNames {
  /** The context attributes CloudEvents 1.0 defines; every other attribute is an extension. */
  public static final Set<String> CONTEXT =
      Set.of(
          "specversion",
          "id",
          "source",
          "type",
          "datacontenttype",
          "dataschema",
          "subject",
          "time");

  /** The members of the JSON format that carry data rather than attributes. */
  public static final Set<String> DATA = Set.of("data", "data_base64");

  private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]+");

  /**
   * Names of other schemas and earlier CloudEvents versions, by their lower-case form, with the
   * CloudEvents 1.0 name and where the name comes from.
   */
  private static final Map<String, String[]> FOREIGN =
      Map.of(
          "eventtype", new String[] {"type", "the Event Grid schema's (and CloudEvents 0.1's)"},
          "eventtime", new String[] {"time", "the Event Grid schema's (and CloudEvents 0.1's)"},
          "eventid", new String[] {"id", "CloudEvents 0.1's"},
          "cloudeventsversion", new String[] {"specversion", "CloudEvents 0.1's"},
          "contenttype", new String[] {"datacontenttype", "CloudEvents 0.1's"},
          "schemaurl", new String[] {"dataschema", "CloudEvents 0.1's and 0.3's"},
          "datacontentencoding", new String[] {"data_base64", "CloudEvents 0.3's"});

  private AttributeNames() {}

  /** Whether a name may be an extension attribute: lower-case letters a-z and digits 0-9 only. */
  public static boolean isExtensionName(String name) {
    return EXTENSION_NAME.matcher(name).matches();
  }

  /**
   * Why a member name that is neither a defined attribute, a data member nor a valid extension name
   * is wrong, when it resembles one: a defined name in another case, or the name another schema or
   * CloudEvents version uses. Empty when the name resembles nothing known (the caller then reports
   * an invalid extension name) or is valid as it is.
   */
  public static Optional<String> misspelling(String name) {
    if (CONTEXT.contains(name) || DATA.contains(name) || isExtensionName(name)) {
      return Optional.empty();
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (CONTEXT.contains(lower) || DATA.contains(lower)) {
      return Optional.of(
          "attribute names are lower case in CloudEvents: write '"
              + lower
              + "', not '"
              + EventField.oneLine(name)
              + "'");
    }
    String[] foreign = FOREIGN.get(lower);
    if (foreign != null) {
      return Optional.of(
          "'"
              + EventField.oneLine(name)
              + "' is "
              + foreign[1]
              + " name; in a CloudEvents 1.0 event it is '"
              + foreign[0]
              + "'");
    }
    return Optional.empty();
  }
}
