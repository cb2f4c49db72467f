package io.github.cloudeventshandler.samples.books;

import io.github.cloudeventshandler.idempotency.IdempotencyFilter;
import io.github.cloudeventshandler.idempotency.JdbcIdempotencyStore;
import io.github.cloudeventshandler.servlet.PlatformEventFilter;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The books application: an ordinary Spring Boot app with no embedded server and no {@code main}.
 * The servlet bridge starts it as a {@link SpringBootServletInitializer} named by {@code
 * CEH_APPLICATION=io.github.cloudeventshandler.samples.books.BooksApp}; each cloud's storage event
 * then reaches {@link EventController} through the app's own filters, and {@code /books} is served
 * over the cloud's HTTP path.
 */
@SpringBootApplication
public class BooksApp extends SpringBootServletInitializer {
  /** The routes the bridge delivers storage events to; closed to plain HTTP requests. */
  static final String[] EVENT_ROUTES = {
    "/aws.s3", "/aws.sqs", "/google.cloud.storage", "/microsoft.storage"
  };

  /** For the servlet container (here: the bridge). */
  public BooksApp() {}

  @Override
  protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
    return builder.sources(BooksApp.class);
  }

  // Event routes accept only requests the bridge made from a platform event, and only of the kind
  // each route is for: a route override (or a mistake) cannot bring an Event Grid event to /aws.s3.

  @Bean
  FilterRegistrationBean<PlatformEventFilter> s3Events() {
    return guard("/aws.s3", "aws.s3");
  }

  @Bean
  FilterRegistrationBean<PlatformEventFilter> sqsEvents() {
    return guard("/aws.sqs", "aws.sqs");
  }

  @Bean
  FilterRegistrationBean<PlatformEventFilter> cloudStorageEvents() {
    return guard("/google.cloud.storage", "google.cloud.storage");
  }

  @Bean
  FilterRegistrationBean<PlatformEventFilter> blobStorageEvents() {
    return guard("/microsoft.storage", "azure.eventgrid");
  }

  private static FilterRegistrationBean<PlatformEventFilter> guard(String route, String kind) {
    FilterRegistrationBean<PlatformEventFilter> r =
        new FilterRegistrationBean<>(PlatformEventFilter.forKinds(kind));
    r.setName("platformEvents" + route);
    r.addUrlPatterns(route);
    r.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return r;
  }

  /**
   * The app's idempotency records, in its own database (table {@code ceh_idempotency}, created at
   * start-up so that a broken database fails the start rather than the first events).
   */
  @Bean
  JdbcIdempotencyStore idempotencyStore(DataSource dataSource) {
    JdbcIdempotencyStore store = JdbcIdempotencyStore.create(dataSource);
    store.createTableIfMissing();
    return store;
  }

  /**
   * Each event runs once: after the guard (a forged request never reaches the records), a duplicate
   * gets the first answer replayed; one that arrives while the first is still running waits for it
   * (up to 10 s) instead of failing, so concurrent deliveries are all acknowledged.
   */
  @Bean
  FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcIdempotencyStore store) {
    FilterRegistrationBean<IdempotencyFilter> r =
        new FilterRegistrationBean<>(
            IdempotencyFilter.builder(store).waitForInProgress(Duration.ofSeconds(10)).build());
    r.addUrlPatterns(EVENT_ROUTES);
    r.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return r;
  }

  /** The correlation filter runs on every route, events included, before the guard. */
  @Bean
  FilterRegistrationBean<CorrelationFilter> correlationFilter() {
    FilterRegistrationBean<CorrelationFilter> r =
        new FilterRegistrationBean<>(new CorrelationFilter());
    r.addUrlPatterns("/*");
    r.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return r;
  }
}
