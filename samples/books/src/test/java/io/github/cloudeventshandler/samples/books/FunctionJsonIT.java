package io.github.cloudeventshandler.samples.books;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What {@code azure-functions-maven-plugin:package} generated in {@code package}: one {@code
 * function.json} per {@code @FunctionName} with the bindings the deployment needs, the empty route
 * prefix, and the Spring Boot app in {@code lib/}.
 */
class FunctionJsonIT {
  private static final Path APP = Path.of("target/azure-functions/ceh-books");

  private static JsonObject function(String name) throws IOException {
    Path p = APP.resolve(name).resolve("function.json");
    assertThat(p).exists();
    return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
  }

  private static JsonObject binding(JsonObject f, int i) {
    return f.getAsJsonArray("bindings").get(i).getAsJsonObject();
  }

  @Test
  void twoFunctionsTheHostJsonAndTheLibraries() throws IOException {
    try (Stream<Path> dirs = Files.list(APP)) {
      assertThat(
              dirs.filter(d -> Files.exists(d.resolve("function.json")))
                  .map(d -> d.getFileName().toString())
                  .sorted()
                  .toList())
          .containsExactly("blobs", "books");
    }
    JsonObject host =
        JsonParser.parseString(Files.readString(APP.resolve("host.json"))).getAsJsonObject();
    assertThat(
            host.getAsJsonObject("extensions")
                .getAsJsonObject("http")
                .get("routePrefix")
                .getAsString())
        .isEmpty();
    assertThat(APP.resolve("lib/cloud-events-handler-azure-0.1.0-SNAPSHOT.jar")).exists();
    try (Stream<Path> libs = Files.list(APP.resolve("lib"))) {
      List<String> names = libs.map(p -> p.getFileName().toString()).toList();
      assertThat(names).anyMatch(n -> n.startsWith("spring-boot-4.1.2"));
      assertThat(names).anyMatch(n -> n.startsWith("h2-"));
      assertThat(names).noneMatch(n -> n.startsWith("tomcat-embed"));
      assertThat(names).noneMatch(n -> n.startsWith("cloud-events-handler-conformance"));
    }
  }

  @Test
  void blobEventsComeThroughAnEventGridTrigger() throws IOException {
    JsonObject f = function("blobs");
    assertThat(f.getAsJsonArray("bindings")).hasSize(1);
    JsonObject b = binding(f, 0);
    assertThat(b.get("type").getAsString()).isEqualTo("eventGridTrigger");
    assertThat(b.get("direction").getAsString()).isEqualTo("in");
    assertThat(b.get("name").getAsString()).isEqualTo("event");
    assertEntryPoint(f, "blobs");
  }

  @Test
  void booksIsAnAnonymousCatchAllHttpTrigger() throws IOException {
    JsonObject f = function("books");
    JsonObject in = binding(f, 0);
    assertThat(in.get("type").getAsString()).isEqualTo("httpTrigger");
    assertThat(in.get("route").getAsString()).isEqualTo("{*path}");
    assertThat(in.get("authLevel").getAsString()).isEqualTo("ANONYMOUS");
    JsonArray methods = in.getAsJsonArray("methods");
    assertThat(methods.asList().stream().map(JsonElement::getAsString))
        .containsExactly("GET", "POST", "DELETE");
    JsonObject out = binding(f, 1);
    assertThat(out.get("type").getAsString()).isEqualTo("http");
    assertThat(out.get("name").getAsString()).isEqualTo("$return");
    assertEntryPoint(f, "books");
  }

  private static void assertEntryPoint(JsonObject f, String method) {
    assertThat(f.get("entryPoint").getAsString())
        .isEqualTo(BooksFunctions.class.getName() + "." + method);
    assertThat(Arrays.stream(BooksFunctions.class.getMethods()).map(Method::getName))
        .contains(method);
    assertThat(f.get("scriptFile").getAsString())
        .isEqualTo("../cloud-events-handler-sample-books-0.1.0-SNAPSHOT.jar");
  }
}
