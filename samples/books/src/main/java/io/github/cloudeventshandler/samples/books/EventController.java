package io.github.cloudeventshandler.samples.books;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The three clouds' storage events, as the bridge delivers them ({@code ce-*} headers, native
 * body), all handed to the same {@link BookService}. A 2xx answer tells the platform the event is
 * handled; anything else (a bad event: 400, the database failing: 500) makes it retry. Only
 * platform events get here: {@code PlatformEventFilter} guards these routes.
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
      @RequestBody byte[] body) {
    List<StorageEvent> events = StorageEvents.s3(source, id, body);
    // native payload mode narrows every request to one record; a whole batch is handled in order
    List<String> results = events.stream().map(e -> service.handle(e).name()).toList();
    return answer(id, results);
  }

  @PostMapping("/aws.sqs")
  Map<String, Object> sqs(
      @RequestHeader("ce-source") String source,
      @RequestHeader("ce-id") String id,
      @RequestBody byte[] body) {
    List<String> results =
        StorageEvents.sqs(source, id, body).stream().map(e -> service.handle(e).name()).toList();
    return answer(id, results);
  }

  @PostMapping("/google.cloud.storage")
  Map<String, Object> gcs(
      @RequestHeader("ce-source") String source,
      @RequestHeader("ce-id") String id,
      @RequestHeader("ce-type") String type,
      @RequestHeader(name = "ce-time", required = false) String time,
      @RequestBody byte[] body) {
    return answer(id, service.handle(StorageEvents.gcs(source, id, type, time, body)));
  }

  @PostMapping("/microsoft.storage")
  Map<String, Object> blob(
      @RequestHeader("ce-source") String source,
      @RequestHeader("ce-id") String id,
      @RequestBody byte[] body) {
    return answer(id, service.handle(StorageEvents.blob(source, id, body)));
  }

  private static Map<String, Object> answer(String id, BookService.Result result) {
    return answer(id, List.of(result.name()));
  }

  /** {@code {"results":[...],"id":"..."}}: the outcome first, in the same order every time. */
  private static Map<String, Object> answer(String id, List<String> results) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("results", results);
    answer.put("id", id);
    return answer;
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badEvent(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
  }
}
