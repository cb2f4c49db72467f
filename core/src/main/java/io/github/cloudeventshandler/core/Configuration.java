package io.github.cloudeventshandler.core;

import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.RoutePaths;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Settings of one deployment ({@code docs/architecture.md}, "Configuration"). Zero-code deployments
 * read them from {@code CEH_*} environment variables; a system property of the same name in lower
 * case with dots ({@code ceh.application} for {@code CEH_APPLICATION}) overrides the variable; a
 * builder overrides both.
 *
 * <pre>{@code
 * Configuration c = Configuration.fromEnvironment().toBuilder()
 *     .application("com.example.BooksApp")
 *     .batch(BatchMode.WHOLE)
 *     .build();
 * }</pre>
 *
 * <p>Every malformed value fails with a {@link ConfigurationException} naming the variable.
 * Settings of cloud modules ({@code CEH_PUBSUB_AUDIENCE}, ...) are read through {@link
 * #setting(String)}.
 */
public final class Configuration {
  /** {@code CEH_APPLICATION}: the application class. */
  public static final String APPLICATION = "CEH_APPLICATION";

  /** {@code CEH_REQUEST_DEFAULTS}: JSON merged into every request. */
  public static final String REQUEST_DEFAULTS = "CEH_REQUEST_DEFAULTS";

  /** {@code CEH_ROUTES}: JSON route overrides. */
  public static final String ROUTES = "CEH_ROUTES";

  /** {@code CEH_BATCH}: {@code per-record} or {@code whole}. */
  public static final String BATCH = "CEH_BATCH";

  /** {@code CEH_PAYLOAD}: {@code native} or {@code unwrapped}. */
  public static final String PAYLOAD = "CEH_PAYLOAD";

  /** {@code CEH_UNRECOGNIZED}: {@code reject} or a fallback route. */
  public static final String UNRECOGNIZED = "CEH_UNRECOGNIZED";

  /** {@code CEH_MAX_BODY_BYTES}: the size cap checked before parsing. */
  public static final String MAX_BODY_BYTES = "CEH_MAX_BODY_BYTES";

  /** {@code CEH_MAX_DEPTH}: the JSON nesting limit. */
  public static final String MAX_DEPTH = "CEH_MAX_DEPTH";

  /**
   * {@code CEH_HTTP_EVENTS_TRUSTED}: {@code true} declares events arriving over a public HTTP
   * endpoint as verified by the platform (a Cloud Run service that requires IAM, an Azure function
   * with a function key), so they keep {@link RequestAttributes#PLATFORM_EVENT}.
   */
  public static final String HTTP_EVENTS_TRUSTED = "CEH_HTTP_EVENTS_TRUSTED";

  /** {@code CEH_TIMEOUT_MS}: the per-request timeout when the platform gives none. */
  public static final String TIMEOUT_MS = "CEH_TIMEOUT_MS";

  private static final String PREFIX = "CEH_";

  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

  private final String application;
  private final RequestDefaults requestDefaults;
  private final RouteOverrides routes;
  private final BatchMode batch;
  private final PayloadMode payload;
  private final String unrecognizedRoute;
  private final JsonLimits limits;
  private final Duration timeout;
  private final Map<String, String> settings;

  private Configuration(Builder b) {
    this.application = b.application;
    this.requestDefaults = b.requestDefaults;
    this.routes = b.routes;
    this.batch = b.batch;
    this.payload = b.payload;
    this.unrecognizedRoute = b.unrecognizedRoute;
    this.limits = b.limits;
    this.timeout = b.timeout;
    this.settings = Map.copyOf(b.settings);
  }

  /** Defaults everywhere: no application, per-record, native payloads, reject unrecognised. */
  public static Builder builder() {
    return new Builder();
  }

  /** Reads {@code CEH_*} environment variables and {@code ceh.*} system properties. */
  public static Configuration fromEnvironment() {
    return from(System.getenv(), System.getProperties());
  }

  /**
   * Reads settings from an environment map and system properties (properties win).
   *
   * @throws ConfigurationException naming the first malformed variable
   */
  public static Configuration from(Map<String, String> environment, Properties properties) {
    Map<String, String> merged = new TreeMap<>();
    environment.forEach(
        (k, v) -> {
          if (k.startsWith(PREFIX)) {
            merged.put(k, v);
          }
        });
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith("ceh.")) {
        merged.put(name.toUpperCase(Locale.ROOT).replace('.', '_'), properties.getProperty(name));
      }
    }
    Builder b = builder();
    b.settings.putAll(merged);
    String app = merged.get(APPLICATION);
    if (app != null && !app.isBlank()) {
      if (!CLASS_NAME.matcher(app.trim()).matches()) {
        throw new ConfigurationException(
            APPLICATION + " must be a fully qualified class name, not '" + app + "'");
      }
      b.application(app.trim());
    }
    String defaults = merged.get(REQUEST_DEFAULTS);
    if (defaults != null && !defaults.isBlank()) {
      b.requestDefaults(RequestDefaults.parse(defaults));
    }
    String routes = merged.get(ROUTES);
    if (routes != null && !routes.isBlank()) {
      b.routes(RouteOverrides.parse(routes));
    }
    String batch = merged.get(BATCH);
    if (batch != null && !batch.isBlank()) {
      b.batch(BatchMode.parse(batch));
    }
    String payload = merged.get(PAYLOAD);
    if (payload != null && !payload.isBlank()) {
      b.payload(PayloadMode.parse(payload));
    }
    String unrecognized = merged.get(UNRECOGNIZED);
    if (unrecognized != null
        && !unrecognized.isBlank()
        && !unrecognized.trim().equalsIgnoreCase("reject")) {
      b.unrecognizedRoute(unrecognized.trim());
    }
    int maxBytes = intSetting(merged, MAX_BODY_BYTES, JsonLimits.DEFAULT.maxBytes());
    int maxDepth = intSetting(merged, MAX_DEPTH, JsonLimits.DEFAULT.maxDepth());
    if (maxDepth > JsonLimits.MAX_DEPTH_LIMIT) {
      throw new ConfigurationException(
          MAX_DEPTH
              + " must be at most "
              + JsonLimits.MAX_DEPTH_LIMIT
              + ", not '"
              + maxDepth
              + "'");
    }
    b.limits(new JsonLimits(maxBytes, maxDepth));
    int timeoutMs = intSetting(merged, TIMEOUT_MS, (int) AppRequest.DEFAULT_TIMEOUT.toMillis());
    b.timeout(Duration.ofMillis(timeoutMs));
    return b.build();
  }

  private static int intSetting(Map<String, String> m, String name, int dflt) {
    String v = m.get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int i = Integer.parseInt(v.trim());
      if (i < 1) {
        throw new NumberFormatException("not positive");
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name + " must be a positive integer, not '" + v + "'", e);
    }
  }

  /** The application class name ({@code CEH_APPLICATION}), when set. */
  public Optional<String> application() {
    return Optional.ofNullable(application);
  }

  /**
   * The application class name.
   *
   * @throws ConfigurationException when {@code CEH_APPLICATION} is not set
   */
  public String requireApplication() {
    if (application == null) {
      throw new ConfigurationException(
          APPLICATION
              + " is not set: name the servlet, ServletContainerInitializer or"
              + " SpringBootServletInitializer class of your application");
    }
    return application;
  }

  /** Values merged into every event request. */
  public RequestDefaults requestDefaults() {
    return requestDefaults;
  }

  /** Route overrides. */
  public RouteOverrides routes() {
    return routes;
  }

  /** Per-record or whole-batch dispatch. */
  public BatchMode batch() {
    return batch;
  }

  /** Native or unwrapped payloads. */
  public PayloadMode payload() {
    return payload;
  }

  /** The route for events no classifier recognises; empty means reject them. */
  public Optional<String> unrecognizedRoute() {
    return Optional.ofNullable(unrecognizedRoute);
  }

  /** The JSON limits for incoming events. */
  public JsonLimits limits() {
    return limits;
  }

  /** The per-request timeout used when the platform gives no deadline. */
  public Duration timeout() {
    return timeout;
  }

  /** Any {@code CEH_*} setting by its variable name, e.g. {@code CEH_PUBSUB_AUDIENCE}. */
  public Optional<String> setting(String name) {
    return Optional.ofNullable(settings.get(name)).filter(v -> !v.isBlank());
  }

  /** Every {@code CEH_*} setting that was read from the environment or system properties. */
  public Map<String, String> settings() {
    return settings;
  }

  /** A builder holding these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.application = application;
    b.requestDefaults = requestDefaults;
    b.routes = routes;
    b.batch = batch;
    b.payload = payload;
    b.unrecognizedRoute = unrecognizedRoute;
    b.limits = limits;
    b.timeout = timeout;
    b.settings.putAll(settings);
    return b;
  }

  @Override
  public String toString() {
    return "Configuration[application="
        + application
        + ", batch="
        + batch
        + ", payload="
        + payload
        + ", unrecognized="
        + (unrecognizedRoute == null ? "reject" : unrecognizedRoute)
        + ", limits="
        + limits
        + ", timeout="
        + timeout
        + "]";
  }

  /** Builds a {@link Configuration}. */
  public static final class Builder {
    private String application;
    private RequestDefaults requestDefaults = RequestDefaults.NONE;
    private RouteOverrides routes = RouteOverrides.NONE;
    private BatchMode batch = BatchMode.PER_RECORD;
    private PayloadMode payload = PayloadMode.NATIVE;
    private String unrecognizedRoute;
    private JsonLimits limits = JsonLimits.DEFAULT;
    private Duration timeout = AppRequest.DEFAULT_TIMEOUT;
    private final Map<String, String> settings = new TreeMap<>();

    private Builder() {}

    /** Sets the application class name. */
    public Builder application(String className) {
      this.application = Objects.requireNonNull(className, "className");
      return this;
    }

    /** Sets the application class. */
    public Builder application(Class<?> type) {
      return application(type.getName());
    }

    /** Sets the request defaults. */
    public Builder requestDefaults(RequestDefaults requestDefaults) {
      this.requestDefaults = Objects.requireNonNull(requestDefaults, "requestDefaults");
      return this;
    }

    /** Sets the route overrides. */
    public Builder routes(RouteOverrides routes) {
      this.routes = Objects.requireNonNull(routes, "routes");
      return this;
    }

    /** Sets the batch mode. */
    public Builder batch(BatchMode batch) {
      this.batch = Objects.requireNonNull(batch, "batch");
      return this;
    }

    /** Sets the payload mode. */
    public Builder payload(PayloadMode payload) {
      this.payload = Objects.requireNonNull(payload, "payload");
      return this;
    }

    /** Sends unrecognised events to this route instead of rejecting them; null to reject. */
    public Builder unrecognizedRoute(String route) {
      if (route != null) {
        try {
          RoutePaths.checkRoute(route);
        } catch (BadEventException e) {
          throw new ConfigurationException(UNRECOGNIZED + ": " + e.getMessage(), e);
        }
      }
      this.unrecognizedRoute = route;
      return this;
    }

    /** Sets the JSON limits. */
    public Builder limits(JsonLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Sets the default per-request timeout. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Sets a module-specific setting, e.g. {@code CEH_PUBSUB_AUDIENCE}. */
    public Builder setting(String name, String value) {
      if (!name.startsWith(PREFIX)) {
        throw new IllegalArgumentException("settings are named CEH_*: " + name);
      }
      settings.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** The configuration. */
    public Configuration build() {
      return new Configuration(this);
    }
  }
}
