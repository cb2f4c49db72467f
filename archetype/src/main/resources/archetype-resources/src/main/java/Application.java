package ${package};

import io.github.cloudeventshandler.servlet.PlatformEventFilter;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.support.SpringBootServletInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * An ordinary Spring Boot app with no embedded server and no {@code main}: on every cloud the
 * servlet bridge starts it as a {@link SpringBootServletInitializer}, named by {@code
 * CEH_APPLICATION=${package}.Application} (template.yaml, the gcloud command in the README, the
 * Azure app settings in pom.xml), and each storage event reaches {@link StorageEventController}
 * through the app's own filters.
 */
@SpringBootApplication
public class Application extends SpringBootServletInitializer {
  /** For the servlet container (here: the bridge). */
  public Application() {}

  @Override
  protected SpringApplicationBuilder configure(SpringApplicationBuilder builder) {
    return builder.sources(Application.class);
  }

  // Each event route accepts only requests the bridge made from a verified platform event of the
  // route's kind: a plain HTTP request (an API Gateway route, a public function URL) gets 403, and
  // so does an event of another kind that a route override sent here.

  @Bean
  FilterRegistrationBean<PlatformEventFilter> s3Events() {
    return guard(StorageEventController.S3, "aws.s3");
  }

  @Bean
  FilterRegistrationBean<PlatformEventFilter> cloudStorageEvents() {
    return guard(StorageEventController.CLOUD_STORAGE, "google.cloud.storage");
  }

  @Bean
  FilterRegistrationBean<PlatformEventFilter> blobStorageEvents() {
    return guard(StorageEventController.BLOB_STORAGE, "azure.eventgrid");
  }

  private static FilterRegistrationBean<PlatformEventFilter> guard(String route, String kind) {
    FilterRegistrationBean<PlatformEventFilter> r =
        new FilterRegistrationBean<>(PlatformEventFilter.forKinds(kind));
    r.setName("platformEvents" + route);
    r.addUrlPatterns(route);
    r.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return r;
  }
}
