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
    "alb, request, aws/alb/alb-request-sam",
    "s3, batch-invocation, aws/unrecognized/s3-batch-invocation-sam-unsupported",
    "appsync, resolver, aws/unrecognized/appsync-direct-resolver-sam-unsupported",
    "batch, get-job, aws/unrecognized/batch-get-job-sam-unsupported",
    "batch, submit-job, aws/unrecognized/batch-submit-job-sam-unsupported",
    "codepipeline, job, aws/unrecognized/codepipeline-job-sam-unsupported",
    "connect, contact-flow-event, aws/unrecognized/connect-contact-flow-sam-unsupported",
    "sagemaker, ground-truth-annotation-consolidation,"
        + " aws/unrecognized/sagemaker-annotation-consolidation-sam-unsupported",
    "sagemaker, ground-truth-pre-human, aws/unrecognized/sagemaker-pre-human-task-sam-unsupported",
    "stepfunctions, error, aws/unrecognized/stepfunctions-error-sam-unsupported",
    "workmail, email, aws/unrecognized/workmail-email-sam-unsupported",
    "kinesis, analytics, aws/unrecognized/kinesis-analytics-sam-unsupported",
    "kinesis, analytics-compressed, aws/unrecognized/kinesis-analytics-compressed-sam-unsupported",
    "kinesis, analytics-dynamodb, aws/unrecognized/kinesis-analytics-dynamodb-sam-unsupported",
    "kinesis, analytics-kpl, aws/unrecognized/kinesis-analytics-kpl-sam-unsupported"
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
