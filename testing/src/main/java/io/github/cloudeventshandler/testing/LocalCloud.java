package io.github.cloudeventshandler.testing;

import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.servlet.ServletApplication;
import io.github.cloudeventshandler.testing.platform.PushTokenIssuer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Your application behind the real entry points, for tests: a JUnit 5 extension that starts the
 * servlet application once per test class (through the servlet bridge, as a deployment starts it),
 * hands it to {@code LambdaHandler}, the GCP entry points and {@code AzureEventHandler}, and closes
 * it after the class. Events go in through {@link #lambda()}, {@link #gcp()} and {@link #azure()};
 * each send returns the {@link PlatformReply}.
 *
 * <pre>{@code
 * class UploadRoutesTest {
 *   @RegisterExtension
 *   static final LocalCloud cloud = LocalCloud.of(BooksApp.class).setting("CEH_PAYLOAD", "native");
 *
 *   @Test
 *   void anUploadIsHandled() {
 *     assertThat(cloud.lambda().send(S3Events.put("bucket", "key"))).succeeded();
 *   }
 * }
 * }</pre>
 *
 * <p>Isolation: every {@code LocalCloud} has its own application and its own configuration, made
 * only from the settings given here — never from the process environment or system properties, and
 * never the process-wide application the zero-code entry points share — so test classes in one JVM
 * do not see each other's settings. Registered on a static field it starts before the class's first
 * test and stops after its last (for {@code @Nested} classes too, once); on an instance field, once
 * per test. It can also be used without JUnit: {@link #start()} and {@link #close()}.
 *
 * <p>Defaults the kit adds when the settings leave them out, so that its builders' events pass the
 * entry points' checks without anything leaving the machine: with the gcp module present, {@code
 * CEH_PUBSUB_AUDIENCE}, {@code CEH_PUBSUB_SERVICE_ACCOUNT} ({@link PushTokenIssuer#AUDIENCE},
 * {@link PushTokenIssuer#SERVICE_ACCOUNT}) and {@code CEH_PUBSUB_JWKS_URL} (the {@link
 * PushTokenIssuer#shared()} key set on loopback) unless {@code CEH_PUBSUB_AUTH=off}; with the azure
 * module present, {@code CEH_WEBPUBSUB_KEYS} ({@link WebPubSubEvents#KEY}).
 *
 * <p>Failure contract: starting throws what the bridge throws ({@code ConfigurationException} for a
 * bad setting or an application that cannot start); a send before {@link #start()} throws {@link
 * IllegalStateException}. Thread-safe: tests may send from many threads at once.
 */
public final class LocalCloud
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        AutoCloseable {
  private static final String PUBSUB_AUTH = "CEH_PUBSUB_AUTH";
  private static final String PUBSUB_AUDIENCE = "CEH_PUBSUB_AUDIENCE";
  private static final String PUBSUB_ACCOUNT = "CEH_PUBSUB_SERVICE_ACCOUNT";
  private static final String PUBSUB_JWKS = "CEH_PUBSUB_JWKS_URL";
  private static final String WEBPUBSUB_KEYS = "CEH_WEBPUBSUB_KEYS";

  private final Class<?> applicationClass;
  private final Application application;
  private final Map<String, String> settings;
  private LambdaInvoker lambda;
  private GcpInvoker gcp;
  private AzureInvoker azure;
  private Running running;
  private String owner;

  private LocalCloud(
      Class<?> applicationClass, Application application, Map<String, String> settings) {
    this.applicationClass = applicationClass;
    this.application = application;
    this.settings = Map.copyOf(settings);
  }

  /**
   * Your application class (a {@code Servlet}, a {@code ServletContainerInitializer}, or a class
   * one accepts, such as a {@code SpringBootServletInitializer}), started on the servlet bridge.
   */
  public static LocalCloud of(Class<?> applicationClass) {
    return new LocalCloud(
        Objects.requireNonNull(applicationClass, "applicationClass"), null, Map.of());
  }

  /**
   * An {@link Application} of your own (already running; it is not closed by this cloud), e.g. a
   * {@code ServletApplication} shared by several test classes.
   */
  public static LocalCloud of(Application application) {
    return new LocalCloud(null, Objects.requireNonNull(application, "application"), Map.of());
  }

  /** A copy with one more {@code CEH_*} setting (e.g. {@code CEH_PAYLOAD=unwrapped}). */
  public LocalCloud setting(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!name.startsWith("CEH_")) {
      throw new IllegalArgumentException("settings are named CEH_*: " + name);
    }
    Map<String, String> s = new TreeMap<>(settings);
    s.put(name, value);
    return new LocalCloud(applicationClass, application, s);
  }

  /** A copy with these {@code CEH_*} settings added. */
  public LocalCloud settings(Map<String, String> more) {
    LocalCloud c = this;
    for (Map.Entry<String, String> e : new TreeMap<>(more).entrySet()) {
      c = c.setting(e.getKey(), e.getValue());
    }
    return c;
  }

  /** Starts the application and prepares the entry points; does nothing when running. */
  public synchronized LocalCloud start() {
    if (running == null) {
      Configuration configuration = Configuration.from(effectiveSettings(), new Properties());
      ServletApplication owned =
          applicationClass == null
              ? null
              : ServletApplication.start(applicationClass, configuration);
      Application app = owned != null ? owned : application;
      running = new Running(configuration, app, owned, new ExchangeRecorder(app));
    }
    return this;
  }

  private Map<String, String> effectiveSettings() {
    Map<String, String> s = new TreeMap<>(settings);
    if (applicationClass != null) {
      s.put(Configuration.APPLICATION, applicationClass.getName());
    }
    if (present("io.github.cloudeventshandler.gcp.HttpEntryPoint")
        && !"off".equalsIgnoreCase(s.getOrDefault(PUBSUB_AUTH, "").trim())) {
      s.putIfAbsent(PUBSUB_AUDIENCE, PushTokenIssuer.AUDIENCE);
      s.putIfAbsent(PUBSUB_ACCOUNT, PushTokenIssuer.SERVICE_ACCOUNT);
      s.computeIfAbsent(PUBSUB_JWKS, k -> PushTokenIssuer.shared().jwksUri().toString());
    }
    if (present("io.github.cloudeventshandler.azure.AzureEventHandler")) {
      s.putIfAbsent(WEBPUBSUB_KEYS, WebPubSubEvents.KEY);
    }
    return s;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, LocalCloud.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Whether the application runs. */
  public synchronized boolean isRunning() {
    return running != null;
  }

  /** The configuration the entry points and the application got. */
  public Configuration configuration() {
    return running().configuration();
  }

  /**
   * The running application: to call it with plain HTTP requests ({@code
   * cloud.application().call(AppRequest.builder("GET", "/books").build())}).
   */
  public Application application() {
    return running().application();
  }

  /**
   * Delivers events through {@code LambdaHandler}.
   *
   * @throws IllegalStateException when {@code cloud-events-handler-aws} is not on the classpath
   */
  public synchronized LambdaInvoker lambda() {
    if (lambda == null) {
      require("io.github.cloudeventshandler.aws.LambdaHandler", "cloud-events-handler-aws");
      lambda = new LambdaInvoker(this);
    }
    return lambda;
  }

  /**
   * Delivers events through the GCP entry points.
   *
   * @throws IllegalStateException when {@code cloud-events-handler-gcp} or the Functions Framework
   *     API is not on the classpath
   */
  public synchronized GcpInvoker gcp() {
    if (gcp == null) {
      require("io.github.cloudeventshandler.gcp.HttpEntryPoint", "cloud-events-handler-gcp");
      require("com.google.cloud.functions.HttpFunction", "functions-framework-api");
      gcp = new GcpInvoker(this);
    }
    return gcp;
  }

  /**
   * Delivers events through {@code AzureEventHandler}.
   *
   * @throws IllegalStateException when {@code cloud-events-handler-azure} or the Azure Functions
   *     Java library is not on the classpath
   */
  public synchronized AzureInvoker azure() {
    if (azure == null) {
      require("io.github.cloudeventshandler.azure.AzureEventHandler", "cloud-events-handler-azure");
      require("com.microsoft.azure.functions.ExecutionContext", "azure-functions-java-library");
      azure = new AzureInvoker(this);
    }
    return azure;
  }

  private static void require(String className, String artifact) {
    if (!present(className)) {
      throw new IllegalStateException(
          "add " + artifact + " to the test classpath to send events this way (" + className + ")");
    }
  }

  /**
   * Closes the entry points and, when this cloud started it, the application; does nothing when it
   * does not run. A later {@link #start()} starts a new one.
   */
  @Override
  public synchronized void close() {
    Running r = running;
    running = null;
    owner = null;
    if (r != null) {
      r.close();
    }
  }

  synchronized Running running() {
    if (running == null) {
      throw new IllegalStateException(
          "this LocalCloud is not running: register it with @RegisterExtension on a static field,"
              + " or call start()");
    }
    return running;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startFor("class:" + context.getUniqueId());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopFor("class:" + context.getUniqueId());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    startFor("test:" + context.getUniqueId());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopFor("test:" + context.getUniqueId());
  }

  private synchronized void startFor(String id) {
    if (running == null) {
      start();
      owner = id;
    }
  }

  private synchronized void stopFor(String id) {
    if (id.equals(owner)) {
      close();
    }
  }

  @Override
  public String toString() {
    return "LocalCloud["
        + (applicationClass != null ? applicationClass.getName() : application)
        + ", "
        + settings
        + (isRunning() ? ", running" : "")
        + "]";
  }

  /** One run: the configuration, the application, and the entry points made for it. */
  static final class Running {
    private final Configuration configuration;
    private final Application application;
    private final ServletApplication owned;
    private final ExchangeRecorder recorder;
    private final Map<String, Object> entryPoints = new ConcurrentHashMap<>();

    private Running(
        Configuration configuration,
        Application application,
        ServletApplication owned,
        ExchangeRecorder recorder) {
      this.configuration = configuration;
      this.application = application;
      this.owned = owned;
      this.recorder = recorder;
    }

    Configuration configuration() {
      return configuration;
    }

    Application application() {
      return application;
    }

    ExchangeRecorder recorder() {
      return recorder;
    }

    /** The entry point of this type, made once per run. */
    <T> T entryPoint(Class<T> type, Supplier<T> make) {
      return type.cast(entryPoints.computeIfAbsent(type.getName(), k -> make.get()));
    }

    private void close() {
      List<Exception> failures = new ArrayList<>();
      for (Object e : entryPoints.values()) {
        if (e instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception x) {
            failures.add(x);
          }
        }
      }
      entryPoints.clear();
      if (owned != null) {
        owned.close();
      }
      if (!failures.isEmpty()) {
        IllegalStateException e = new IllegalStateException("closing the entry points failed");
        failures.forEach(e::addSuppressed);
        throw e;
      }
    }
  }
}
