package io.github.cloudeventshandler.azure;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.microsoft.azure.functions.ExecutionContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** A Mockito {@link ExecutionContext} whose logger keeps its lines. */
final class TestContext {
  final ExecutionContext context = mock(ExecutionContext.class);
  final List<String> lines = new CopyOnWriteArrayList<>();

  TestContext(String functionName) {
    Logger logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            lines.add(r.getLevel() + " " + r.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
    when(context.getLogger()).thenReturn(logger);
    when(context.getFunctionName()).thenReturn(functionName);
    when(context.getInvocationId()).thenReturn("inv-" + functionName);
  }
}
