package io.github.cloudeventshandler.aws;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.servlet.ServletApplication;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A plain {@code main} run in a small-heap child JVM by {@link LargeBatchTest}: one SQS batch of
 * {@code args[0]} copies of the recorded message with {@code args[1]}-byte bodies (the payload cap
 * raised to fit) through {@link LambdaHandler} into a servlet on the real bridge that counts each
 * message id it receives and checks the body. Prints the reply and the counts.
 */
public final class LargeBatchMain {
  private LargeBatchMain() {}

  /** How often each message id ({@code m1} … {@code mN}) reached the servlet, by index. */
  static AtomicIntegerArray seen;

  static int bodyBytes;

  /** Counts each message by its {@code ce-id} and checks the body it carries. */
  public static class CountingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      byte[] body = req.getInputStream().readAllBytes();
      int i = Integer.parseInt(req.getHeader("ce-id").substring(1));
      seen.incrementAndGet(i - 1);
      // the native payload: {"Records":[this record]}, which holds the body
      String text = new String(body, StandardCharsets.UTF_8);
      boolean right = text.contains("\"messageId\":\"m" + i + "\"") && text.contains(body(i));
      resp.setStatus(right ? 200 : 500);
    }
  }

  static String body(int i) {
    String number = "message " + i + " ";
    return number + "x".repeat(Math.max(0, bodyBytes - number.length()));
  }

  public static void main(String[] args) throws IOException {
    int records = Integer.parseInt(args[0]);
    bodyBytes = Integer.parseInt(args[1]);
    seen = new AtomicIntegerArray(records);
    byte[] event = event(records);
    Configuration configuration =
        Configuration.builder()
            .limits(new JsonLimits(event.length, JsonLimits.DEFAULT.maxDepth()))
            .build();
    try (ServletApplication app = ServletApplication.start(CountingServlet.class, configuration);
        LambdaHandler handler = new LambdaHandler(configuration, app)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), out, Lambda.context());
      int once = 0;
      int other = 0;
      for (int i = 0; i < records; i++) {
        if (seen.get(i) == 1) {
          once++;
        } else {
          other++;
        }
      }
      System.out.println("EVENT " + event.length + " bytes");
      System.out.println("REPLY " + out.toString(StandardCharsets.UTF_8));
      System.out.println("ONCE " + once + " OTHER " + other);
    }
  }

  /** The recorded SQS message ({@code aws/sqs/sqs-json-body}) {@code records} times. */
  private static byte[] event(int records) {
    JsonObject event =
        JsonParser.parseString(ConformanceCorpus.get("aws/sqs/sqs-json-body").inputText())
            .getAsJsonObject();
    JsonObject recorded = event.getAsJsonArray("Records").get(0).getAsJsonObject();
    JsonArray a = new JsonArray();
    for (int i = 1; i <= records; i++) {
      JsonObject r = recorded.deepCopy();
      r.addProperty("messageId", "m" + i);
      r.addProperty("body", body(i));
      a.add(r);
    }
    event.add("Records", a);
    return event.toString().getBytes(StandardCharsets.UTF_8);
  }
}
