package io.github.cloudeventshandler.samples.helloazure;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
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
 * Checks what {@code azure-functions-maven-plugin:package} generated in {@code package}: one {@code
 * function.json} per {@code @FunctionName} with the expected bindings and an entry point that
 * exists.
 */
class FunctionJsonIT {
  private static final Path APP = Path.of("target/azure-functions/ceh-hello");

  private static JsonObject function(String name) throws IOException {
    Path p = APP.resolve(name).resolve("function.json");
    assertThat(p).exists();
    return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
  }

  private static JsonObject binding(JsonObject f, int i) {
    return f.getAsJsonArray("bindings").get(i).getAsJsonObject();
  }

  @Test
  void everyFunctionHasItsFunctionJsonAndNothingElse() throws IOException {
    try (Stream<Path> dirs = Files.list(APP)) {
      List<String> functions =
          dirs.filter(d -> Files.exists(d.resolve("function.json")))
              .map(d -> d.getFileName().toString())
              .sorted()
              .toList();
      assertThat(functions).containsExactly("app", "eventgrid", "events", "queue", "webpubsub");
    }
    assertThat(APP.resolve("host.json")).exists();
    assertThat(Files.readString(APP.resolve("host.json")))
        .contains("Microsoft.Azure.Functions.ExtensionBundle");
    assertThat(APP.resolve("lib/cloud-events-handler-azure-0.1.0-SNAPSHOT.jar")).exists();
    assertThat(APP.resolve("lib/cloud-events-handler-conformance-0.1.0-SNAPSHOT.jar"))
        .doesNotExist();
  }

  @Test
  void eventGridBinding() throws IOException {
    JsonObject f = function("eventgrid");
    assertThat(f.getAsJsonArray("bindings")).hasSize(1);
    JsonObject b = binding(f, 0);
    assertThat(b.get("type").getAsString()).isEqualTo("eventGridTrigger");
    assertThat(b.get("direction").getAsString()).isEqualTo("in");
    assertThat(b.get("name").getAsString()).isEqualTo("event");
    assertEntryPoint(f, "eventGrid");
  }

  @Test
  void queueBinding() throws IOException {
    JsonObject b = binding(function("queue"), 0);
    assertThat(b.get("type").getAsString()).isEqualTo("queueTrigger");
    assertThat(b.get("queueName").getAsString()).isEqualTo("hello");
    assertThat(b.get("connection").getAsString()).isEqualTo("AzureWebJobsStorage");
    assertEntryPoint(function("queue"), "queue");
  }

  @Test
  void webhookAndWebPubSubAreHttpTriggersWithOptions() throws IOException {
    for (String name : List.of("events", "webpubsub")) {
      JsonObject f = function(name);
      JsonObject in = binding(f, 0);
      assertThat(in.get("type").getAsString()).isEqualTo("httpTrigger");
      assertThat(in.get("route").getAsString()).isEqualTo(name);
      assertThat(methods(in)).containsExactly("POST", "OPTIONS");
      JsonObject out = binding(f, 1);
      assertThat(out.get("type").getAsString()).isEqualTo("http");
      assertThat(out.get("direction").getAsString()).isEqualTo("out");
      assertThat(out.get("name").getAsString()).isEqualTo("$return");
    }
    assertThat(binding(function("events"), 0).get("authLevel").getAsString()).isEqualTo("FUNCTION");
    assertThat(binding(function("webpubsub"), 0).get("authLevel").getAsString())
        .isEqualTo("ANONYMOUS");
    assertEntryPoint(function("events"), "events");
    assertEntryPoint(function("webpubsub"), "webPubSub");
  }

  @Test
  void catchAllHttpFunction() throws IOException {
    JsonObject in = binding(function("app"), 0);
    assertThat(in.get("route").getAsString()).isEqualTo("app/{*path}");
    assertThat(methods(in)).contains("GET", "POST");
    assertEntryPoint(function("app"), "app");
  }

  private static List<String> methods(JsonObject b) {
    JsonArray a = b.getAsJsonArray("methods");
    return a.asList().stream().map(e -> e.getAsString()).toList();
  }

  private static void assertEntryPoint(JsonObject f, String method) {
    String entry = f.get("entryPoint").getAsString();
    assertThat(entry).isEqualTo(HelloFunctions.class.getName() + "." + method);
    assertThat(Arrays.stream(HelloFunctions.class.getMethods()).map(Method::getName))
        .contains(method);
    assertThat(f.get("scriptFile").getAsString())
        .isEqualTo("../cloud-events-handler-sample-hello-azure-0.1.0-SNAPSHOT.jar");
  }
}
