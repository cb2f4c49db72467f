package io.github.cloudeventshandler.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * An app instrumented the way a servlet server instrumentation does it: a filter extracts the W3C
 * context from the request with OpenTelemetry's own {@link W3CTraceContextPropagator} and starts a
 * server span under it; the spans go to an in-memory exporter. Every route answers 204.
 */
public final class TracedApp implements ServletContainerInitializer {
  /** The finished spans of every request, in the order they ended. */
  static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

  private static final Tracer TRACER =
      SdkTracerProvider.builder()
          .addSpanProcessor(SimpleSpanProcessor.create(SPANS))
          .build()
          .get("tracing-tests");

  private static final TextMapGetter<HttpServletRequest> HEADERS =
      new TextMapGetter<>() {
        @Override
        public String get(HttpServletRequest carrier, String key) {
          return carrier == null ? null : carrier.getHeader(key);
        }
      };

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
    ctx.addFilter("server-spans", new ServerSpans()).addMappingForUrlPatterns(null, false, "/*");
    ctx.addServlet(
            "events",
            new HttpServlet() {
              private static final long serialVersionUID = 1L;

              @Override
              protected void service(HttpServletRequest req, HttpServletResponse resp) {
                resp.setStatus(204);
              }
            })
        .addMapping("/");
  }

  /** The server span of each request, with the event id as an attribute. */
  static final class ServerSpans implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest req = (HttpServletRequest) request;
      Context parent =
          W3CTraceContextPropagator.getInstance().extract(Context.root(), req, HEADERS);
      Span span =
          TRACER
              .spanBuilder(req.getMethod() + " " + req.getRequestURI())
              .setSpanKind(SpanKind.SERVER)
              .setParent(parent)
              .setAttribute("ce.id", String.valueOf(req.getHeader("ce-id")))
              .startSpan();
      Scope scope = span.makeCurrent();
      try {
        chain.doFilter(request, response);
      } finally {
        scope.close();
        span.end();
      }
    }
  }
}
