package io.github.cloudeventshandler.servlet;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The application an entry point delivers to, with the entry point's lifecycle: either the
 * process's {@linkplain ServletApplication#shared(Configuration) shared} servlet application,
 * started on first use, or an application the entry point was given. After {@link #close()} every
 * call fails with a {@link DispatchException} naming the closed entry point; closing also stops the
 * shared application when this handle started it (an application that was given is its owner's to
 * close).
 *
 * <pre>{@code
 * ApplicationHandle app = ApplicationHandle.shared(configuration, "CloudEventsEntryPoint");
 * pipeline.dispatch(event, app, context, budget);
 * app.close(); // Jetty stops, the app's context closes; later events fail at once
 * }</pre>
 */
public final class ApplicationHandle implements Application, AutoCloseable {
  private final Supplier<Application> source;
  private final boolean owned;
  private final String owner;
  private volatile Application started;
  private volatile boolean closed;

  private ApplicationHandle(Supplier<Application> source, boolean owned, String owner) {
    this.source = source;
    this.owned = owned;
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** The shared servlet application named by the configuration, started on the first call. */
  public static ApplicationHandle shared(Configuration configuration, String owner) {
    Objects.requireNonNull(configuration, "configuration");
    return new ApplicationHandle(() -> ServletApplication.shared(configuration), true, owner);
  }

  /** An application the entry point was given; {@link #close()} does not close it. */
  public static ApplicationHandle of(Application application, String owner) {
    Objects.requireNonNull(application, "application");
    return new ApplicationHandle(() -> application, false, owner);
  }

  /**
   * The application, started on first use.
   *
   * @throws DispatchException after {@link #close()}
   * @throws io.github.cloudeventshandler.core.ConfigurationException when the shared application
   *     cannot start
   */
  public Application get() {
    if (closed) {
      throw new DispatchException(
          "this " + owner + " is closed and takes no more events; the event counts as failed");
    }
    Application a = started;
    if (a == null) {
      a = source.get();
      started = a;
    }
    return a;
  }

  @Override
  public AppResponse call(AppRequest request) {
    return get().call(request);
  }

  /** Refuses further calls and stops the shared application if this handle started it. */
  @Override
  public void close() {
    closed = true;
    if (owned && started instanceof ServletApplication app) {
      app.close();
    }
  }
}
