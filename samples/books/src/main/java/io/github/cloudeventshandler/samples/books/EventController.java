package io.github.cloudeventshandler.samples.books;

import io.github.cloudeventshandler.idempotency.IdempotencyClaim;
import io.github.cloudeventshandler.idempotency.IdempotencyFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The three clouds' storage events, as the bridge delivers them ({@code ce-*} headers, native
 * body), all handed to the same {@link BookService} with the request's idempotency claim. A 2xx
 * answer tells the platform the event is handled; anything else (a bad event: 400, the database
 * failing: 500) makes it retry. Only platform events get here: {@code PlatformEventFilter} guards
 * these routes.
 */
@RestController
class EventController {
  private final BookService service;

  EventController(BookService service) {
    this.service = service;
  }

  @PostMapping("/aws.s3")
  Map<String, Object> s3(
      @RequestHeader("ce-source") String source,
      @RequestHeader("ce-id") String id,
      @RequestAttribute(name = IdempotencyFilter.CLAIM, required = false) IdempotencyClaim claim,
      @RequestBody byte[] body) {
    // native payload mode narrows every request to one record; a whole batch is handled in order
    return answer(id, service.handle(StorageEvents.s3(source, id, body), claim));
  }

  @PostMapping("/aws.sqs")
  Map<String, Object> sqs(
      @RequestHeader("ce-source") String source,
      @RequestHeader("ce-id") String id,
      @RequestAttribute(name = IdempotencyFilter.CLAIM, required = false) IdempotencyClaim claim,
      @RequestBody byte[] body) {
    return answer(id, service.handle(StorageEvents.sqs(source, id, body), claim));
  }

  @PostMapping("/google.cloud.storage")
  Map<String, Object> gcs(
      @RequestHeader("ce-source") String source,
      @RequestHeader("ce-id") String id,
      @RequestHeader("ce-type") String type,
      @RequestHeader(name = "ce-time", required = false) String time,
      @RequestAttribute(name = IdempotencyFilter.CLAIM, required = false) IdempotencyClaim claim,
      @RequestBody byte[] body) {
    return answer(
        id, service.handle(List.of(StorageEvents.gcs(source, id, type, time, body)), claim));
  }

  @PostMapping("/microsoft.storage")
  Map<String, Object> blob(
      @RequestHeader("ce-source") String source,
      @RequestHeader("ce-id") String id,
      @RequestAttribute(name = IdempotencyFilter.CLAIM, required = false) IdempotencyClaim claim,
      @RequestBody byte[] body) {
    return answer(id, service.handle(List.of(StorageEvents.blob(source, id, body)), claim));
  }

  /** {@code {"results":[...],"id":"..."}}: the outcome first, in the same order every time. */
  private static Map<String, Object> answer(String id, List<BookService.Result> results) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("results", results.stream().map(Enum::name).toList());
    answer.put("id", id);
    return answer;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badEvent(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
  }
}
