package io.github.cloudeventshandler.benchmarks.echo;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /echo}: the length of the body and the request's content type, as JSON. */
@RestController
class EchoController {
  /** The answer, {@code {"bodyLength":1024,"contentType":"application/json"}}. */
  record Echo(int bodyLength, String contentType) {}

  @PostMapping("/echo")
  Echo echo(@RequestBody byte[] body, HttpServletRequest request) {
    return new Echo(body.length, request.getContentType());
  }
}
