package io.github.cloudeventshandler.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Usage, help, exit code 2 and the errors for missing files and applications. */
class CommandLineTest {

  @Test
  void helpListsTheCommandsAndExitsZero() {
    RunnerCli r = RunnerCli.run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("replay FILE...")
        .contains("serve")
        .contains("explain FILE...")
        .contains("--app CLASS")
        .contains("Exit codes: 0");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(RunnerCli.run().code()).isEqualTo(2);
    assertThat(RunnerCli.run("frobnicate").err()).contains("unknown command 'frobnicate'");
    assertThat(RunnerCli.run("replay").err()).contains("at least one FILE");
    assertThat(RunnerCli.run("replay", "--bogus", "x").err()).contains("unknown option --bogus");
    assertThat(RunnerCli.run("replay", "--provider", "ibm", "x").code()).isEqualTo(2);
    assertThat(RunnerCli.run("serve", "--port", "99999").err()).contains("--port");
  }

  @Test
  void aMissingFileIsAUsageErrorNamingIt() {
    RunnerCli r = RunnerCli.replayHello("no/such/file.json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no/such/file.json: no such file or directory");
  }

  @Test
  void noApplicationOrAnUnknownOneIsAConfigurationError() {
    RunnerCli none = RunnerCli.run("replay", "aws/s3/s3-put-sam");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("--app CLASS or CEH_APPLICATION");
    RunnerCli unknown = RunnerCli.run("replay", "--app", "com.example.Nope", "aws/s3/s3-put-sam");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("com.example.Nope not found");
  }

  @Test
  void classpathEntriesMustExist(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    RunnerCli missing =
        RunnerCli.run(
            "replay", "--app", "a.B", "--classpath", dir.resolve("nope").toString(), "aws/s3");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope does not exist");
    RunnerCli noDir =
        RunnerCli.run(
            "replay", "--app", "a.B", "--classpath", dir.resolve("gone") + "/*", "aws/s3");
    assertThat(noDir.err()).contains("no such directory");
    // an empty jar directory is fine; the class is then simply not found there
    RunnerCli empty = RunnerCli.run("replay", "--app", "a.B", "--classpath", dir + "/*", "aws/s3");
    assertThat(empty.err()).contains("a.B not found on --classpath");
  }

  @Test
  void listPrintsCorpusIds() {
    RunnerCli r = RunnerCli.run("list", "azure/storage-queue");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines())
        .containsExactly(
            "azure/storage-queue/json-message",
            "azure/storage-queue/missing-id",
            "azure/storage-queue/text-message");
  }
}
