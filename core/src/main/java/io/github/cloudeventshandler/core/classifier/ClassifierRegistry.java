package io.github.cloudeventshandler.core.classifier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * An immutable, ordered set of classifiers, built once per cold start. The first classifier (by
 * {@link EventClassifier#priority()}, then class name) that claims an event classifies it.
 *
 * <pre>{@code
 * ClassifierRegistry all = ClassifierRegistry.load(getClass().getClassLoader());
 * ClassifierRegistry one = ClassifierRegistry.of(new SqsClassifier()); // in tests
 * }</pre>
 */
public final class ClassifierRegistry {
  private static final Comparator<EventClassifier> ORDER =
      Comparator.comparingInt(EventClassifier::priority).thenComparing(c -> c.getClass().getName());

  private final List<EventClassifier> classifiers;

  private ClassifierRegistry(List<EventClassifier> classifiers) {
    List<EventClassifier> sorted = new ArrayList<>(classifiers);
    sorted.sort(ORDER);
    this.classifiers = List.copyOf(sorted);
  }

  /** Every classifier that {@link ServiceLoader} finds through the class loader. */
  public static ClassifierRegistry load(ClassLoader loader) {
    List<EventClassifier> found = new ArrayList<>();
    ServiceLoader.load(EventClassifier.class, loader).forEach(found::add);
    return new ClassifierRegistry(found);
  }

  /** Exactly these classifiers (sorted into registry order). */
  public static ClassifierRegistry of(EventClassifier... classifiers) {
    return new ClassifierRegistry(List.of(classifiers));
  }

  /** Exactly these classifiers (sorted into registry order). */
  public static ClassifierRegistry of(List<? extends EventClassifier> classifiers) {
    return new ClassifierRegistry(List.copyOf(classifiers));
  }

  /** The classifiers in the order they are asked. */
  public List<EventClassifier> classifiers() {
    return classifiers;
  }

  /** The first classification, or empty when no classifier claims the event. */
  public Optional<ClassifiedEvent> find(RawEvent event) {
    for (EventClassifier c : classifiers) {
      Optional<ClassifiedEvent> found = c.classify(event);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * Classifies an event.
   *
   * @throws UnrecognizedEventException naming what was looked at, when no classifier claims it
   * @throws BadEventException when the claiming classifier finds the event broken; also when no
   *     classifier claims it and the body is over the size cap ({@link
   *     BadEventException.Problem#TOO_LARGE}) or looks like JSON but is not strict JSON (the JSON
   *     problem says more than "unrecognised" would)
   */
  public ClassifiedEvent classify(RawEvent event) {
    return find(event).orElseThrow(() -> unrecognized(event));
  }

  /** The exception for an event no classifier claims: the input problem when there is one. */
  public static CloudEventsHandlerException unrecognized(RawEvent event) {
    if (event.bodyLength() > event.limits().maxBytes()) {
      return new BadEventException(
          BadEventException.Problem.TOO_LARGE,
          event.provider()
              + " event: body of "
              + event.bodyLength()
              + " bytes is over the limit of "
              + event.limits().maxBytes()
              + " bytes");
    }
    if (event.looksLikeJson()) {
      try {
        event.json();
      } catch (BadEventException e) {
        return e;
      }
    }
    return new UnrecognizedEventException(describe(event));
  }

  /** What was looked at, for the "unrecognised" message. */
  static String describe(RawEvent event) {
    StringBuilder sb = new StringBuilder();
    sb.append(event.provider())
        .append(": no classifier recognised the event (")
        .append(event.bodyLength())
        .append(" bytes");
    event.contentType().ifPresent(ct -> sb.append(", Content-Type ").append(ct));
    event.method().ifPresent(m -> sb.append(", ").append(m).append(' ').append(event.path().get()));
    if (event.looksLikeJson()) {
      try {
        JsonElement json = event.json();
        if (json.isJsonObject()) {
          sb.append(", top-level keys ").append(keys(json.getAsJsonObject()));
          JsonObject first = firstRecord(json.getAsJsonObject());
          if (first != null) {
            sb.append(", first record keys ").append(keys(first));
          }
        } else {
          sb.append(", a JSON array of ").append(json.getAsJsonArray().size());
        }
      } catch (BadEventException e) {
        sb.append(", body is not valid JSON");
      }
    } else {
      sb.append(", body is not a JSON object");
    }
    return sb.append(")").toString();
  }

  private static JsonObject firstRecord(JsonObject o) {
    for (String k : List.of("Records", "records")) {
      JsonElement r = o.get(k);
      if (r != null
          && r.isJsonArray()
          && !r.getAsJsonArray().isEmpty()
          && r.getAsJsonArray().get(0).isJsonObject()) {
        return r.getAsJsonArray().get(0).getAsJsonObject();
      }
    }
    return null;
  }

  private static String keys(JsonObject o) {
    return o.keySet().stream().limit(12).collect(Collectors.joining(", ", "[", "]"))
        + (o.size() > 12 ? "…" : "");
  }

  @Override
  public String toString() {
    return classifiers.stream()
        .map(c -> c.getClass().getSimpleName())
        .collect(Collectors.joining(", ", "ClassifierRegistry[", "]"));
  }
}
