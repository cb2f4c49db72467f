package ${package};

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * One route per cloud's storage event, as the bridge delivers it: the CloudEvent attributes in
 * {@code ce-*} headers, the event as the cloud sent it in the body (one S3 record per request). A
 * 2xx answer tells the platform the event is handled; any other status makes it retry (Lambda's
 * asynchronous invocation, Eventarc, Event Grid), so answer 4xx/5xx only for what a retry can fix.
 */
@RestController
class StorageEventController {
  private static final Logger LOG = LoggerFactory.getLogger(StorageEventController.class);

  /** S3 {@code ObjectCreated:*} / {@code ObjectRemoved:*}; {@code ce-subject} is the decoded key. */
  static final String S3 = "/aws.s3";

  /** Cloud Storage {@code object.v1.*}; {@code ce-subject} is {@code objects/<name>}. */
  static final String CLOUD_STORAGE = "/google.cloud.storage";

  /**
   * Blob Storage {@code Microsoft.Storage.Blob*} through Event Grid; {@code ce-subject} is {@code
   * /blobServices/default/containers/<container>/blobs/<name>}.
   */
  static final String BLOB_STORAGE = "/microsoft.storage";

  @PostMapping(S3)
  ResponseEntity<Map<String, Object>> s3(
      @RequestHeader("ce-id") String id,
      @RequestHeader("ce-type") String type,
      @RequestHeader(name = "ce-subject", required = false) String key,
      @RequestBody byte[] event) {
    return handled("aws", id, type, key, event);
  }

  @PostMapping(CLOUD_STORAGE)
  ResponseEntity<Map<String, Object>> cloudStorage(
      @RequestHeader("ce-id") String id,
      @RequestHeader("ce-type") String type,
      @RequestHeader(name = "ce-subject", required = false) String subject,
      @RequestBody byte[] event) {
    return handled("gcp", id, type, strip(subject, "objects/"), event);
  }

  @PostMapping(BLOB_STORAGE)
  ResponseEntity<Map<String, Object>> blobStorage(
      @RequestHeader("ce-id") String id,
      @RequestHeader("ce-type") String type,
      @RequestHeader(name = "ce-subject", required = false) String subject,
      @RequestBody byte[] event) {
    String blob = subject == null ? null : subject.replaceFirst("^/blobServices/default/", "");
    return handled("azure", id, type, blob, event);
  }

  /**
   * Your code goes here: the object named by {@code object}, the raw event in {@code event}. This
   * one logs and answers what it saw; an event without an object name is refused with 400.
   */
  private static ResponseEntity<Map<String, Object>> handled(
      String cloud, String id, String type, String object, byte[] event) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("cloud", cloud);
    answer.put("type", type);
    if (object == null || object.isEmpty()) {
      answer.put("error", "the event names no object (ce-subject)");
      return ResponseEntity.badRequest().body(answer);
    }
    answer.put("object", object);
    answer.put("id", id);
    answer.put("bytes", event.length);
    LOG.info("{} {} {} ({} bytes of event)", cloud, type, object, event.length);
    return ResponseEntity.ok(answer);
  }

  private static String strip(String value, String prefix) {
    return value != null && value.startsWith(prefix) ? value.substring(prefix.length()) : value;
  }
}
