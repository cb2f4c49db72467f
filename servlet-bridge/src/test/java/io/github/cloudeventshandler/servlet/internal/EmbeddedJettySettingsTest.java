package io.github.cloudeventshandler.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The system property that keeps Jetty's {@code MemoryUtils} away from the MBean server. */
class EmbeddedJettySettingsTest {
  @Test
  void referencesPerCacheLineIsSetWhenEmbeddedJettyIsInitialised() throws Exception {
    Class.forName(EmbeddedJetty.class.getName(), true, getClass().getClassLoader());
    // 64-byte cache lines of 4-byte compressed references below a 32 GB heap (this test JVM's)
    assertThat(Runtime.getRuntime().maxMemory()).isLessThan(32L << 30);
    assertThat(System.getProperty(EmbeddedJetty.REFERENCES_PER_CACHE_LINE)).isEqualTo("16");
  }
}
