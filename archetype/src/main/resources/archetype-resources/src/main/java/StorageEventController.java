package ${package};

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.RequestAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * One route per cloud's storage event, as the bridge delivers it: the event's CloudEvent as a
 * request attribute (its attributes are also in {@code ce-*} headers, but percent-encoded and cut
 * at 4,096 characters), the event as the cloud sent it in the body (one S3 record per request). A
 * 2xx answer tells the platform the event is handled; any other status, or an exception, makes it
 * retry (Lambda's asynchronous invocation, Eventarc with {@code --retry}, Event Grid). Storage
 * events take no answer body: only the status counts.
 */
@RestController
class StorageEventController {
  private static final Logger LOG = LoggerFactory.getLogger(StorageEventController.class);

  /** S3 {@code ObjectCreated:*} / {@code ObjectRemoved:*}; the subject is the decoded key. */
  static final String S3 = "/aws.s3";

  /** Cloud Storage {@code object.v1.*}; the subject is {@code objects/<name>}. */
  static final String CLOUD_STORAGE = "/google.cloud.storage";

  /**
   * Blob Storage {@code Microsoft.Storage.Blob*} through Event Grid; the subject is {@code
   * /blobServices/default/containers/<container>/blobs/<name>}.
   */
  static final String BLOB_STORAGE = "/microsoft.storage";

  @PostMapping(S3)
  ResponseEntity<Void> s3(
      @RequestAttribute(RequestAttributes.CLOUD_EVENT) CloudEvent event,
      @RequestBody byte[] body) {
    return handled("aws", event, event.getSubject(), body);
  }

  @PostMapping(CLOUD_STORAGE)
  ResponseEntity<Void> cloudStorage(
      @RequestAttribute(RequestAttributes.CLOUD_EVENT) CloudEvent event,
      @RequestBody byte[] body) {
    return handled("gcp", event, strip(event.getSubject(), "objects/"), body);
  }

  @PostMapping(BLOB_STORAGE)
  ResponseEntity<Void> blobStorage(
      @RequestAttribute(RequestAttributes.CLOUD_EVENT) CloudEvent event,
      @RequestBody byte[] body) {
    return handled("azure", event, strip(event.getSubject(), "/blobServices/default/"), body);
  }

  /**
   * Your code goes here: the object the event names, the event as the cloud sent it in {@code
   * body}. This one logs what it got and answers 204 (handled).
   */
  private static ResponseEntity<Void> handled(
      String cloud, CloudEvent event, String object, byte[] body) {
    LOG.info("{} {} {} ({} bytes, id {})", cloud, event.getType(), object, body.length,
        event.getId());
    return ResponseEntity.noContent().build();
  }

  private static String strip(String value, String prefix) {
    return value != null && value.startsWith(prefix) ? value.substring(prefix.length()) : value;
  }
}
