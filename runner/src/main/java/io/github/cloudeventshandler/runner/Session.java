package io.github.cloudeventshandler.runner;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The application started once through the servlet bridge, and everything that delivers to it: the
 * detector and the dispatcher with the real entry points. Closing it stops Jetty.
 */
final class Session implements AutoCloseable {
  /**
   * Set for the runner unless the environment sets it: recorded Pub/Sub pushes carry no token, so
   * {@code HttpEntryPoint} would refuse every one.
   */
  static final Map<String, String> RUNNER_DEFAULTS = Map.of("CEH_PUBSUB_AUTH", "off");

  private final ServletApplication app;
  private final Dispatcher dispatcher;
  private final ProviderDetector detector;

  private Session(ServletApplication app, Dispatcher dispatcher, ProviderDetector detector) {
    this.app = app;
    this.dispatcher = dispatcher;
    this.detector = detector;
  }

  /**
   * Starts the application named by {@code --app} or {@code CEH_APPLICATION}.
   *
   * @throws ConfigurationException when no application is named, or it cannot be loaded or started
   */
  static Session start(Options options, Map<String, String> environment, Properties properties) {
    Configuration base = configuration(environment, properties, Map.of());
    String appName = applicationName(options, environment, properties);
    ClassLoader loader = classLoader(options.classpath());
    Class<?> type;
    try {
      type = Class.forName(appName, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigurationException(
          "application class "
              + appName
              + " not found"
              + (options.classpath() == null
                  ? " on the runner's classpath (add --classpath PATH)"
                  : " on --classpath " + options.classpath()),
          e);
    }
    ServletApplication app =
        ServletApplication.builder()
            .configuration(base.toBuilder().application(type).build())
            .application(type)
            .classLoader(loader)
            .start();
    AnswerLog log = new AnswerLog(app);
    Dispatcher dispatcher =
        new Dispatcher(
            settings ->
                configuration(environment, properties, settings).toBuilder()
                    .application(type)
                    .build(),
            log,
            options.allowCallbacks());
    return new Session(app, dispatcher, detector(options));
  }

  /**
   * The application class name: {@code --app}, else {@code CEH_APPLICATION}.
   *
   * @throws ConfigurationException when neither names one
   */
  static String applicationName(
      Options options, Map<String, String> environment, Properties properties) {
    if (options.app() != null) {
      return options.app();
    }
    return configuration(environment, properties, Map.of())
        .application()
        .orElseThrow(
            () ->
                new ConfigurationException(
                    "no application: name its class with --app CLASS or CEH_APPLICATION (a"
                        + " Servlet, a ServletContainerInitializer or a"
                        + " SpringBootServletInitializer subclass)"));
  }

  static ProviderDetector detector(Options options) {
    return new ProviderDetector(
        ClassifierRegistry.load(Session.class.getClassLoader()),
        options.provider() == null ? "http" : options.provider(),
        options.provider() != null);
  }

  /** {@code CEH_*} settings: runner defaults, then the environment, then a case's own settings. */
  static Configuration configuration(
      Map<String, String> environment, Properties properties, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>(RUNNER_DEFAULTS);
    env.putAll(environment);
    env.putAll(settings);
    return Configuration.from(env, properties);
  }

  private static ClassLoader classLoader(String classpath) {
    ClassLoader parent = Session.class.getClassLoader();
    if (classpath == null || classpath.isBlank()) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String part : classpath.split(File.pathSeparator)) {
      if (part.isBlank()) {
        continue;
      }
      List<File> files = new ArrayList<>();
      if (part.endsWith("*")) {
        // like java -cp dir/*: every jar in the directory
        File dir = new File(part.substring(0, part.length() - 1));
        File[] jars = dir.listFiles((d, n) -> n.endsWith(".jar") || n.endsWith(".JAR"));
        if (jars == null) {
          throw new ConfigurationException("--classpath entry " + part + ": no such directory");
        }
        java.util.Arrays.sort(jars);
        files.addAll(List.of(jars));
      } else {
        files.add(new File(part));
      }
      for (File f : files) {
        if (!f.exists()) {
          throw new ConfigurationException("--classpath entry " + f + " does not exist");
        }
        try {
          urls.add(f.toURI().toURL());
        } catch (MalformedURLException e) {
          throw new ConfigurationException("--classpath entry " + f + " is not a path", e);
        }
      }
    }
    return new URLClassLoader("ceh-app", urls.toArray(URL[]::new), parent);
  }

  Outcome deliver(Incoming in) {
    EntryPoint e;
    try {
      e = detector.detect(in);
    } catch (RuntimeException ex) {
      return new Outcome(in.label(), null, null, ex, List.of());
    }
    return dispatcher.deliver(in, e);
  }

  /** Delivers through a known entry point. */
  Outcome dispatch(Incoming in, EntryPoint e) {
    return dispatcher.deliver(in, e);
  }

  ProviderDetector detector() {
    return detector;
  }

  ServletApplication application() {
    return app;
  }

  @Override
  public void close() {
    app.close();
  }
}
