package io.github.cloudeventshandler.azure;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Records every request and answers with a scripted function. */
final class RecordingApp implements Application {
  final List<AppRequest> requests = new CopyOnWriteArrayList<>();
  private final Function<AppRequest, AppResponse> answer;

  RecordingApp(Function<AppRequest, AppResponse> answer) {
    this.answer = answer;
  }

  static RecordingApp status(int... statuses) {
    int[] i = {0};
    return new RecordingApp(r -> AppResponse.of(statuses[Math.min(i[0]++, statuses.length - 1)]));
  }

  @Override
  public AppResponse call(AppRequest request) {
    requests.add(request);
    return answer.apply(request);
  }
}
