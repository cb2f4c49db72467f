package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rendered SAM cases in the corpus equal what {@link SamEventRenderer} makes of the recorded
 * templates. Runs where the fixtures are (set {@code CEH_FIXTURES}, default {@code
 * /work/shared/fixtures}); skipped elsewhere, since the templates are not part of this repository.
 */
class SamRenderingTest {
  private static Path fixtures() {
    String dir = System.getenv().getOrDefault("CEH_FIXTURES", "/work/shared/fixtures");
    return Path.of(dir);
  }

  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource({
    "s3, put, aws/s3/s3-put-sam",
    "s3, delete, aws/s3/s3-delete-sam",
    "rekognition, s3-request, aws/s3/rekognition-s3-put-sam",
    "sns, notification, aws/sns/sns-notification-sam",
    "sqs, receive-message, aws/sqs/sqs-receive-message-sam",
    "kinesis, get-records, aws/kinesis/kinesis-get-records-sam",
    "dynamodb, update, aws/dynamodb/dynamodb-update-sam",
    "kinesis, kinesis-firehose, aws/firehose/firehose-sam",
    "kinesis, apachelog, aws/firehose/firehose-apache-log-sam-malformed-base64",
    "kinesis, cloudwatch-logs-processor, aws/firehose/firehose-cloudwatch-logs-processor-sam",
    "kinesis, streams-as-source, aws/firehose/firehose-streams-as-source-sam",
    "kinesis, syslog, aws/firehose/firehose-syslog-sam",
    "cloudformation, create-request, aws/cloudformation/cloudformation-create-sam",
    "apigateway, aws-proxy, aws/apigateway/rest-aws-proxy-sam",
    "apigateway, http-api-proxy, aws/apigateway/http-api-proxy-sam",
    "apigateway, authorizer, aws/apigateway-authorizer/authorizer-token-sam",
    "apigateway, request-authorizer, aws/apigateway-authorizer/authorizer-request-sam",
    "alb, request, aws/alb/alb-request-sam"
  })
  void committedCaseIsTheRendering(String service, String subcommand, String id) throws Exception {
    Path root = fixtures();
    assumeTrue(
        Files.isDirectory(root.resolve(SamEventRenderer.SAM_EVENTS)),
        "SAM templates not available at " + root);
    String rendered = new SamEventRenderer(root).render(service, subcommand);
    String committed = ConformanceCorpus.get(id).inputText();
    assertThat(JsonParser.parseString(committed)).isEqualTo(JsonParser.parseString(rendered));
    assertThat(committed).isEqualTo(rendered);
    assertThat(new String(committed.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .doesNotContain("{{{");
  }
}
