#!/usr/bin/env python3
"""Builds the AWS conformance cases of helper B's sources (SES, CodeCommit, EventBridge, CloudWatch
alarms and Logs, IoT, Lex, Cognito, Config, CloudFront, Alexa, Kafka, Amazon MQ, RabbitMQ) and of the
events no classifier supports, from /work/shared/fixtures.

* aws-lambda-java-libs files and SAM templates without placeholders are copied byte for byte.
* SAM templates with {{{placeholders}}} are rendered with the defaults of event-mapping.json the way
  `sam local generate-event` does (PROVENANCE.md "Rendering the SAM templates"): tag names with '-'
  become '_', encodings (base64, url) and md5 hashing are applied, a placeholder without a tag renders
  as the empty string, and the result is parsed and dumped again with 2-space indentation.
* Each sidecar is computed here, independently of the Java classifiers, from the mapping documented in
  aws/README.md; AwsConformanceTest (aws module) checks the two agree, with
  Context.getAwsRequestId() = REQUEST_ID.

Usage: python3 conformance/tools/aws_sources_b.py  (from the repository root; rewrites the cases it
owns and the index lines under its source directories).
"""
import base64
import datetime
import gzip
import hashlib
import json
import os
import re
import sys
import urllib.parse

FIX = os.environ.get("FIXTURES", "/work/shared/fixtures")
LIBS = FIX + "/aws-lambda-java-libs/aws-lambda-java-tests/src/test/resources/"
LIBS_REPO = ("aws/aws-lambda-java-libs", "c4dcbab4ffeda26ec9dff997d6ef02a9ee2ab013",
             "aws-lambda-java-tests/src/test/resources/")
SAM = FIX + "/aws-sam-cli/samcli/lib/generated_sample_events/"
SAM_REPO = ("aws/aws-sam-cli", "fe8f8dbb1160abce8ae13e0a4c5f8b456658afd3",
            "samcli/lib/generated_sample_events/events/")
OUT = "conformance/src/main/resources/conformance/aws/"
INDEX = "conformance/src/main/resources/conformance/index.txt"

# The Lambda request id the AWS conformance runner gives LambdaHandler (Context.getAwsRequestId()).
REQUEST_ID = "conformance-request-id"

MAPPING = json.load(open(SAM + "event-mapping.json"))


# ---------------------------------------------------------------- rendering
def sam_defaults(service, sub):
    tags = MAPPING[service][sub].get("tags", {}) or {}
    values = {}
    for name, tag in tags.items():
        v = str(tag.get("default", ""))
        enc = tag.get("encoding")
        if enc == "base64":
            v = base64.b64encode(v.encode()).decode()
        elif enc == "url":
            v = urllib.parse.quote(v)  # keeps "/" and "~", like SAM's generator
        values[name.replace("-", "_")] = v
        for child, spec in (tag.get("children") or {}).items():
            if spec.get("hashing") == "md5":
                values[child.replace("-", "_")] = hashlib.md5(str(tag.get("default")).encode()).hexdigest()
    return values


def render(template_text, values):
    def sub(m):
        return values.get(m.group(1), "")
    # the placeholders sit inside JSON strings; the defaults contain nothing that needs escaping
    return re.sub(r"\{\{\{\s*([A-Za-z0-9_]+)\s*\}\}\}", sub, template_text)


def sam_case(service, sub, filename):
    path = SAM + "events/" + filename
    raw = open(path, "rb").read()
    text = raw.decode("utf-8")
    if "{{{" not in text:
        return raw, "copied byte for byte (the template has no placeholders)"
    rendered = json.loads(render(text, sam_defaults(service, sub)))
    return (json.dumps(rendered, indent=2) + "\n").encode("utf-8"), (
        "rendered from the template with the defaults of event-mapping.json (`sam local generate-event "
        + service + " " + sub + "`)")


# ---------------------------------------------------------------- expected values
def iso(dt):
    """java.time ISO_OFFSET_DATE_TIME: fraction without trailing zeros, Z for UTC."""
    s = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if dt.microsecond:
        s += ("." + "%06d" % dt.microsecond).rstrip("0")
    off = dt.utcoffset()
    if off == datetime.timedelta(0):
        return s + "Z"
    total = int(off.total_seconds())
    sign = "+" if total >= 0 else "-"
    total = abs(total)
    return s + "%s%02d:%02d" % (sign, total // 3600, (total % 3600) // 60)


def parse_time(text):
    t = text
    m = re.match(r"^(.*[T ]\d\d:\d\d(:\d\d(\.\d+)?)?)([+-]\d\d)(\d\d)$", t)
    if m:
        t = m.group(1) + m.group(4) + ":" + m.group(5)
    t = t.replace("Z", "+00:00")
    m = re.match(r"^(.*\.)(\d+)(.*)$", t)
    if m:  # python wants exactly 6 fraction digits
        t = m.group(1) + (m.group(2) + "000000")[:6] + m.group(3)
    return iso(datetime.datetime.fromisoformat(t))


def epoch_ms(ms):
    dt = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
    dt = dt.replace(microsecond=(ms % 1000) * 1000)
    return iso(dt)


def gson(o):
    return json.dumps(o, separators=(",", ":"), ensure_ascii=False)


def ce(id_, source, type_, time=None, subject=None):
    c = {"specversion": "1.0", "id": id_, "source": source, "type": type_}
    if time is not None:
        c["time"] = time
    if subject:
        c["subject"] = subject
    return c


def req(path, c, body_bytes=None, body_json=None, content_type="application/json"):
    r = {"method": "POST", "path": path, "ce": c, "headers": {"Content-Type": content_type}}
    if body_json is not None:
        r["bodyJson"] = body_json
    else:
        r["bodySha256"] = hashlib.sha256(body_bytes).hexdigest()
    return r


def classification(kind, route, reply, records, delivery="ALL_OR_NOTHING"):
    return {"kind": kind, "route": route, "delivery": delivery, "reply": reply, "records": records}


def first_resource(e):
    r = e.get("resources") or []
    return r[0] if r and isinstance(r[0], str) else None


def expect(source_dir, raw):
    e = json.loads(raw)
    if source_dir == "ses":
        reqs = []
        for rec in e["Records"]:
            mail = rec["ses"]["mail"]
            narrowed = dict(e)
            narrowed["Records"] = [rec]
            dest = mail.get("destination") or []
            reqs.append(req("/aws.ses", ce(mail["messageId"], "aws:ses", "com.amazonaws.ses.emailReceived",
                                           parse_time(mail["timestamp"]), dest[0] if dest else None),
                            body_json=narrowed))
        return classification("aws.ses", "/aws.ses", "ASYNC", len(reqs)), reqs
    if source_dir == "codecommit":
        reqs = []
        for rec in e["Records"]:
            id_ = rec["eventId"]
            if str(rec.get("eventTotalParts", 1)) != "1":
                id_ += "#" + str(rec["eventPartNumber"])
            refs = rec.get("codecommit", {}).get("references") or []
            narrowed = dict(e)
            narrowed["Records"] = [rec]
            reqs.append(req("/aws.codecommit", ce(id_, rec["eventSourceARN"], "com.amazonaws.codecommit." + rec["eventName"],
                                                  parse_time(rec["eventTime"]), refs[0].get("ref") if refs else None),
                            body_json=narrowed))
        return classification("aws.codecommit", "/aws.codecommit", "ASYNC", len(reqs)), reqs
    if source_dir == "eventbridge":
        route = "/" + e["source"]
        return classification("aws.events", route, "ASYNC", 1), [
            req(route, ce(e["id"], e["source"], e["detail-type"], parse_time(e["time"]), first_resource(e)), raw)]
    if source_dir == "cloudwatch-alarms":
        st = e["alarmData"]["state"]
        return classification("aws.cloudwatch", "/aws.cloudwatch", "ASYNC", 1), [
            req("/aws.cloudwatch", ce(e["alarmArn"] + "#" + st["timestamp"], e["alarmArn"],
                                      "com.amazonaws.cloudwatch.alarmStateChange", parse_time(e["time"]),
                                      e["alarmData"].get("alarmName")), raw)]
    if source_dir == "cloudwatch-logs":
        decoded = json.loads(gzip.decompress(base64.b64decode(e["awslogs"]["data"])))
        first = decoded["logEvents"][0]
        return classification("aws.logs", "/aws.logs", "ASYNC", 1), [
            req("/aws.logs", ce(first["id"], "aws:logs:" + decoded["owner"] + ":log-group:" + decoded["logGroup"],
                                "com.amazonaws.logs." + decoded["messageType"], epoch_ms(first["timestamp"]),
                                decoded.get("logStream")), raw)]
    if source_dir == "iot":
        if "serialNumber" in e:
            return classification("aws.iot.button", "/aws.iot", "ASYNC", 1), [
                req("/aws.iot", ce(REQUEST_ID, "aws:iot.button", "com.amazonaws.iot.button." + e["clickType"], None,
                                   e["serialNumber"]), raw)]
        ev = e["event"]
        p = ev.get("payload") or {}
        det = p.get("detector") or {}
        source = "aws:iotevents/" + det["detectorModelName"] if det.get("detectorModelName") else "aws:iotevents"
        route = "/" + ev["eventName"]
        return classification("aws.iot", route, "ASYNC", 1), [
            req(route, ce(p.get("actionExecutionId") or REQUEST_ID, source, "com.amazonaws.iot." + ev["eventName"],
                          epoch_ms(ev["eventTime"]) if "eventTime" in ev else None, det.get("keyValue")), raw)]
    if source_dir == "lex":
        if "sessionState" in e:
            id_ = e["sessionState"].get("originatingRequestId") or REQUEST_ID
            source = "aws:lexv2/" + e["bot"]["id"]
            subject = (e["sessionState"].get("intent") or {}).get("name")
        else:
            id_ = REQUEST_ID
            source = "aws:lex/" + e["bot"]["name"]
            subject = e["currentIntent"].get("name")
        return classification("aws.lex", "/aws.lex", "RESPONSE_BODY", 1), [
            req("/aws.lex", ce(id_, source, "com.amazonaws.lex." + e["invocationSource"], None, subject), raw)]
    if source_dir == "cognito":
        if "userPoolId" in e:
            c = ce(REQUEST_ID, "aws:cognito-idp." + e["region"] + "/" + e["userPoolId"],
                   "com.amazonaws.cognito." + e["triggerSource"], None, e.get("userName"))
        else:
            c = ce(REQUEST_ID, "aws:cognito-sync." + e["region"] + "/" + e["identityPoolId"],
                   "com.amazonaws.cognito." + e["eventType"], None, e["identityId"])
        return classification("aws.cognito", "/aws.cognito", "RESPONSE_BODY", 1), [req("/aws.cognito", c, raw)]
    if source_dir == "config":
        inv = json.loads(e["invokingEvent"])
        item = inv.get("configurationItem") or {}
        t = inv.get("notificationCreationTime") or item.get("configurationItemCaptureTime")
        subject = item["resourceType"] + "/" + item["resourceId"] if item.get("resourceType") and item.get("resourceId") else None
        return classification("aws.config", "/aws.config", "ASYNC", 1), [
            req("/aws.config", ce(e["resultToken"], e["configRuleArn"], "com.amazonaws.config." + inv["messageType"],
                                  parse_time(t) if t else None, subject), raw)]
    if source_dir == "cloudfront":
        cf = e["Records"][0]["cf"]
        cfg = cf["config"]
        et = cfg.get("eventType") or ("response" if isinstance(cf.get("response"), dict) else "request")
        subject = (cf.get("request") or {}).get("uri")
        return classification("aws.cloudfront", "/aws.cloudfront", "RESPONSE_BODY", 1), [
            req("/aws.cloudfront", ce(cfg.get("requestId") or REQUEST_ID, "aws:cloudfront/" + cfg["distributionId"],
                                      "com.amazonaws.cloudfront." + et, None, subject), raw)]
    if source_dir == "alexa":
        if "request" in e:
            r = e["request"]
            app = e["session"]["application"]["applicationId"]
            c = ce(r["requestId"], "aws:alexa/" + app, "com.amazonaws.alexa." + r["type"],
                   parse_time(r["timestamp"]) if r.get("timestamp") else None, (r.get("intent") or {}).get("name"))
        else:
            h = e["header"]
            c = ce(h["messageId"], "aws:alexa.smarthome", "com.amazonaws.alexa." + h["namespace"] + "." + h["name"],
                   None, (e["payload"].get("appliance") or {}).get("applianceId"))
        return classification("aws.alexa", "/aws.alexa", "RESPONSE_BODY", 1), [req("/aws.alexa", c, raw)]
    if source_dir == "kafka":
        source = e.get("eventSourceArn") or ("kafka://" + e["bootstrapServers"].split(",")[0])
        reqs = []
        for key, records in e["records"].items():
            for rec in records:
                narrowed = dict(e)
                narrowed["records"] = {key: [rec]}
                reqs.append(req("/aws.kafka", ce("%s:%s:%s" % (rec["topic"], rec["partition"], rec["offset"]), source,
                                                 "com.amazonaws.kafka.record", epoch_ms(rec["timestamp"]), rec["topic"]),
                                body_json=narrowed))
        return classification("aws.kafka", "/aws.kafka", "ASYNC", len(reqs)), reqs
    if source_dir == "mq":
        reqs = []
        for m in e["messages"]:
            narrowed = dict(e)
            narrowed["messages"] = [m]
            reqs.append(req("/aws.mq", ce(m["messageID"], e["eventSourceArn"], "com.amazonaws.mq.message",
                                          epoch_ms(m["timestamp"]), (m.get("destination") or {}).get("physicalname")),
                            body_json=narrowed))
        return classification("aws.mq", "/aws.mq", "ASYNC", len(reqs)), reqs
    if source_dir == "rabbitmq":
        reqs = []
        for queue, messages in e["rmqMessagesByQueue"].items():
            for m in messages:
                mid = (m.get("basicProperties") or {}).get("messageId")
                if not mid:
                    copy = {k: v for k, v in m.items() if k != "redelivered"}
                    mid = "sha256:" + hashlib.sha256(gson(copy).encode("utf-8")).hexdigest()
                narrowed = dict(e)
                narrowed["rmqMessagesByQueue"] = {queue: [m]}
                reqs.append(req("/aws.rabbitmq", ce(mid, e["eventSourceArn"], "com.amazonaws.rabbitmq.message", None, queue),
                                body_json=narrowed))
        return classification("aws.rabbitmq", "/aws.rabbitmq", "ASYNC", len(reqs)), reqs
    raise ValueError(source_dir)


# ---------------------------------------------------------------- the cases
# (source dir, case name, origin, path or (service, sub, file), description)
L, S = "libs", "sam"
CASES = [
    ("ses", "email-receiving", S, ("ses", "email-receiving", "ses/SesEmailReceiving.json"), "SES email receiving, one record"),
    ("codecommit", "trigger-java-libs", L, "codecommit_event.json", "CodeCommit repository trigger"),
    ("codecommit", "trigger-sam", S, ("codecommit", "repository", "codecommit/CodeCommit.json"), "CodeCommit repository trigger"),
    ("eventbridge", "scheduled-event-java-libs", L, "cloudwatch_event.json", "EventBridge scheduled event (aws.events)"),
    ("eventbridge", "scheduled-event-sam", S, ("cloudwatch", "scheduled-event", "cloudwatch/ScheduledEvent.json"), "EventBridge scheduled event (aws.events)"),
    ("cloudwatch-alarms", "composite-alarm", L, "cloudwatch_composite_alarm.json", "CloudWatch composite alarm invoking Lambda directly"),
    ("cloudwatch-alarms", "metric-alarm", L, "cloudwatch_metric_alarm.json", "CloudWatch metric alarm invoking Lambda directly"),
    ("cloudwatch-logs", "subscription-java-libs", L, "cloudwatchlogs_event.json", "CloudWatch Logs subscription, two log events in one request"),
    ("cloudwatch-logs", "subscription-sam", S, ("cloudwatch", "logs", "cloudwatch/CloudwatchLogs.json"), "CloudWatch Logs subscription, two log events in one request"),
    ("iot", "button-single-click", L, "iot_button_event.json", "IoT button, single click"),
    ("lex", "v1-book-trip-java-libs", L, "lex_event.json", "Lex V1 dialog code hook"),
    ("lex", "v1-book-car", S, ("lex", "book-car", "lex/LexBookCar.json"), "Lex V1 code hook"),
    ("lex", "v1-book-hotel", S, ("lex", "book-hotel", "lex/LexBookHotel.json"), "Lex V1 code hook"),
    ("lex", "v1-make-appointment", S, ("lex", "make-appointment", "lex/LexMakeAppointment.json"), "Lex V1 code hook"),
    ("lex", "v1-order-flowers", S, ("lex", "order-flowers", "lex/LexOrderFlowers.json"), "Lex V1 code hook"),
    ("lex", "v2-banking-bot", S, ("lex-v2", "banking-bot", "lex-v2/BankingBot.json"), "Lex V2 code hook"),
    ("lex", "v2-book-car", S, ("lex-v2", "book-car", "lex-v2/LexBookCar.json"), "Lex V2 code hook"),
    ("lex", "v2-book-hotel", S, ("lex-v2", "book-hotel", "lex-v2/LexBookHotel.json"), "Lex V2 code hook"),
    ("cognito", "sync-trigger-java-libs", L, "cognito_sync_event.json", "Cognito Sync trigger"),
    ("cognito", "sync-trigger-sam", S, ("cognito", "sync-trigger", "cognito/CognitoSyncTrigger.json"), "Cognito Sync trigger"),
    ("cognito", "user-pool-create-auth-challenge", L, "cognito/cognito_userpool_create_auth_challenge.json", "Cognito user pool trigger"),
    ("cognito", "user-pool-custom-message", L, "cognito/cognito_userpool_custom_message.json", "Cognito user pool trigger"),
    ("cognito", "user-pool-define-auth-challenge", L, "cognito/cognito_userpool_define_auth_challenge.json", "Cognito user pool trigger"),
    ("cognito", "user-pool-migrate-user", L, "cognito/cognito_userpool_migrate_user.json", "Cognito user pool trigger"),
    ("cognito", "user-pool-post-authentication", L, "cognito/cognito_userpool_postauthentication.json", "Cognito user pool trigger"),
    ("cognito", "user-pool-post-confirmation", L, "cognito/cognito_userpool_postconfirmation.json", "Cognito user pool trigger"),
    ("cognito", "user-pool-pre-token-generation", L, "cognito/cognito_userpool_pre_token_generation.json", "Cognito user pool trigger"),
    ("cognito", "user-pool-pre-token-generation-v2", L, "cognito_user_pool_pre_token_generation_event_v2.json", "Cognito user pool trigger, event version 2"),
    ("cognito", "user-pool-pre-authentication", L, "cognito/cognito_userpool_preauthentication.json", "Cognito user pool trigger"),
    ("cognito", "user-pool-pre-sign-up", L, "cognito/cognito_userpool_presignup.json", "Cognito user pool trigger"),
    ("cognito", "user-pool-verify-auth-challenge", L, "cognito/cognito_userpool_verify_auth_challenge.json", "Cognito user pool trigger"),
    ("config", "item-change-java-libs", L, "config_event.json", "AWS Config rule, configuration item change"),
    ("config", "item-change-sam", S, ("config", "item-change-notification", "config/ConfigurationItemChangeNotification.json"), "AWS Config rule, configuration item change"),
    ("config", "oversized-item-change", S, ("config", "oversized-item-change-notification", "config/OversizedConfigurationItemChangeNotification.json"), "AWS Config rule, oversized configuration item change"),
    ("config", "periodic-rule", S, ("config", "periodic-rule", "config/PeriodicRule.json"), "AWS Config rule, scheduled (periodic)"),
    ("cloudfront", "request-java-libs", L, "cloudfront_event.json", "Lambda@Edge request"),
]
for sub, f in [("ab-test", "CloudFrontABTest"), ("access-request-in-response", "CloudFrontAccessRequestInResponse"),
               ("http-redirect", "CloudFrontHttpRedirect"), ("modify-querystring", "CloudFrontModifyQueryString"),
               ("modify-response-header", "CloudFrontModifyResponseHeader"),
               ("multiple-remote-calls-aggregate-response", "CloudFrontMultipleRemoteCallsAggregateResponse"),
               ("normalize-querystring-to-improve-cache-hit", "CloudFrontNormalizeQuerystringToImproveCacheHit"),
               ("redirect-on-viewer-country", "CloudFrontRedirectOnViewerCountry"),
               ("redirect-unauthenticated-users", "CloudFrontRedirectUnauthenticatedUsers"),
               ("response-generation", "CloudFrontResponseGeneration"),
               ("serve-object-on-viewer-device", "CloudFrontServeObjectOnViewerDevice"),
               ("simple-remote-call", "CloudFrontSimpleRemoteCall")]:
    CASES.append(("cloudfront", sub, S, ("cloudfront", sub, "cloudfront/" + f + ".json"), "Lambda@Edge blueprint " + f[len("CloudFront"):]))
for sub, f in [("end-session", "AlexaEndSession"), ("intent-answer", "AlexaIntentAnswer"),
               ("intent-getnewfact", "AlexaIntentGetNewFact"), ("intent-mycoloris", "AlexaIntentMyColorIs"),
               ("intent-recipe", "AlexaIntentRecipe"), ("start-session", "AlexaStartSession")]:
    CASES.append(("alexa", "skill-" + sub, S, ("alexa-skills-kit", sub, "alexa-skills-kit/" + f + ".json"), "Alexa skill request " + f[len("Alexa"):]))
for sub, f in [("smart-home-control-turn-off-request", "AlexaSmartHomeControlTurnOffRequest"),
               ("smart-home-control-turn-on-request", "AlexaSmartHomeControlTurnOnRequest"),
               ("smart-home-discovery-request", "AlexaSmartHomeDiscoveryRequest")]:
    CASES.append(("alexa", sub, S, ("alexa-smart-home", sub, "alexa-smart-home/" + f + ".json"), "Alexa smart home directive (API v2)"))
CASES += [
    ("kafka", "msk-one-record", L, "kafka_event.json", "Amazon MSK batch, one record"),
    ("mq", "activemq-two-messages", L, "mq_event.json", "Amazon MQ (ActiveMQ, eventSource aws:amq) batch of two messages"),
    ("rabbitmq", "one-message-without-message-id", L, "rabbitmq_event.json", "Amazon MQ for RabbitMQ, one message with a null messageId"),
]
UNSUPPORTED = [
    ("connect-contact-flow-java-libs", L, "connect_event.json", "Amazon Connect contact flow"),
    ("connect-contact-flow-sam", S, ("connect", "contact-flow-event", "connect/ConnectContactFlowEvent.json"), "Amazon Connect contact flow"),
    ("appsync-authorizer", L, "appsync_authorizer_event.json", "AppSync Lambda authorizer"),
    ("appsync-direct-resolver", S, ("appsync", "resolver", "appsync/AppSyncDirectResolver.json"), "AppSync direct Lambda resolver"),
    ("s3-batch-operations-v1", L, "s3_batch_event.json", "S3 Batch Operations, schema 1.0"),
    ("s3-batch-operations-v2", L, "s3_batch_event_v2.json", "S3 Batch Operations, schema 2.0"),
    ("s3-batch-operations-sam", S, ("s3", "batch-invocation", "s3/S3BatchInvocation.json"), "S3 Batch Operations, schema 1.0"),
    ("s3-object-lambda", L, "s3_object_lambda_event.json", "S3 Object Lambda GetObject"),
    ("secrets-manager-rotation", L, "secrets_rotation_event.json", "Secrets Manager rotation step"),
    ("lambda-destination", L, "lambda_destination_event.json", "Lambda destination record (RetriesExhausted)"),
    ("kinesis-analytics-firehose-input", L, "kinesis/kinesis_analytics_firehose_input_preprocessing.json", "Kinesis Data Analytics input preprocessing (Firehose source)"),
    ("kinesis-analytics-streams-input", L, "kinesis/kinesis_analytics_streams_input_preprocessing.json", "Kinesis Data Analytics input preprocessing (Streams source)"),
    ("kinesis-analytics-output-delivery", L, "kinesis/kinesis_analytics_output_delivery.json", "Kinesis Data Analytics output delivery"),
    ("kinesis-analytics-sam", S, ("kinesis", "analytics", "kinesis/KinesisAnalytics.json"), "Kinesis Data Analytics input preprocessing"),
    ("kinesis-analytics-compressed-sam", S, ("kinesis", "analytics-compressed", "kinesis/KinesisAnalytics.json"), "Kinesis Data Analytics input preprocessing, compressed data"),
    ("kinesis-analytics-dynamodb-sam", S, ("kinesis", "analytics-dynamodb", "kinesis/KinesisAnalytics.json"), "Kinesis Data Analytics input preprocessing, DynamoDB-shaped data"),
    ("kinesis-analytics-kpl-sam", S, ("kinesis", "analytics-kpl", "kinesis/KinesisAnalyticsKpl.json"), "Kinesis Data Analytics input preprocessing, KPL stream source"),
    ("batch-get-job", S, ("batch", "get-job", "batch/BatchGetJob.json"), "AWS Batch get-job input"),
    ("batch-submit-job", S, ("batch", "submit-job", "batch/BatchSubmitJob.json"), "AWS Batch submit-job input"),
    ("codepipeline-job", S, ("codepipeline", "job", "codepipeline/CodePipeline.json"), "CodePipeline Lambda invoke action"),
    ("sagemaker-annotation-consolidation", S, ("sagemaker", "ground-truth-annotation-consolidation", "sagemaker/AnnotationConsolidation.json"), "SageMaker Ground Truth annotation consolidation"),
    ("sagemaker-pre-human-task", S, ("sagemaker", "ground-truth-pre-human", "sagemaker/PreHumanTask.json"), "SageMaker Ground Truth pre-human task"),
    ("step-functions-error", S, ("stepfunctions", "error", "stepfunctions/StepFunctionsError.json"), "Step Functions task error object"),
    ("workmail-email", S, ("workmail", "email", "workmail/WorkMail.json"), "WorkMail email flow rule"),
]

# No recording exists for these; each is built from the documented shape, with values of our own.
DOC_CASES = [
    ("iot", "iot-events-action-from-docs",
     "AWS IoT Events detector model Lambda action (shape from the Lambda developer guide, "
     "\"Using AWS Lambda with AWS IoT Events\"; values ours)",
     {"event": {"eventName": "overheated", "eventTime": 1767225600123,
                "payload": {"detector": {"detectorModelName": "BoilerMonitor", "detectorModelVersion": "2",
                                         "keyValue": "boiler-7"},
                            "eventTriggerDetails": {"triggerType": "Message", "inputName": "BoilerTemperature",
                                                    "messageId": "5f1c2e9a-0d4b-4c3e-9b8a-7f6e5d4c3b2a"},
                            "actionExecutionId": "0b7d6c5e-4f3a-4b2c-8d1e-9f0a1b2c3d4e",
                            "state": {"variables": {"temperature": 96}, "stateName": "Overheated",
                                      "timers": {}}}}}),
]

RESPONSE_BODIES = {
    "lex": {"dialogAction": {"type": "Close", "fulfillmentState": "Fulfilled",
                             "message": {"contentType": "PlainText", "content": "Done"}}},
    "cognito": None,  # the app answers with the event itself, response filled
    "cloudfront": {"status": "302", "statusDescription": "Found",
                   "headers": {"location": [{"key": "Location", "value": "https://example.com/"}]}},
    "alexa": {"version": "1.0", "response": {"outputSpeech": {"type": "PlainText", "text": "Hello"},
                                             "shouldEndSession": True}},
}


def load(origin, where):
    if origin == L:
        return open(LIBS + where, "rb").read(), "copied byte for byte", (LIBS_REPO[0], LIBS_REPO[1], LIBS_REPO[2] + where)
    service, sub, filename = where
    data, how = sam_case(service, sub, filename)
    return data, how, (SAM_REPO[0], SAM_REPO[1], SAM_REPO[2] + filename)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def sidecar(obj):
    return (json.dumps(obj, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def main():
    readmes = {}
    ids = []
    for source_dir, name, origin, where, desc in CASES:
        data, how, prov = load(origin, where)
        cls, reqs = expect(source_dir, data)
        exp = {"description": desc, "entryPoint": "lambda", "classification": cls, "requests": reqs}
        if cls["reply"] == "RESPONSE_BODY":
            body = RESPONSE_BODIES[source_dir]
            if body is None:
                body = json.loads(data)
                body["response"] = {"autoConfirmUser": True} if "triggerSource" in body else body.get("response", {})
            exp["answers"] = [{"status": 200, "headers": {"Content-Type": "application/json"}, "bodyJson": body}]
            exp["reply"] = body
        elif len(reqs) >= 1:
            exp["answers"] = [200]
        if source_dir in ("mq", "kafka", "rabbitmq", "ses", "eventbridge"):
            # a failed record: the handler throws so the platform retries the whole event, and
            # (all-or-nothing) nothing after the failed record is sent
            exp["scenarios"] = [
                {"answers": [200]},
                {"answers": [500], "requests": reqs[:1],
                 "error": {"type": "DispatchException"}}]
        write(OUT + source_dir + "/" + name + ".json", data)
        write(OUT + source_dir + "/" + name + ".expected.json", sidecar(exp))
        readmes.setdefault(source_dir, []).append((name, how, prov, desc))
        ids.append("aws/" + source_dir + "/" + name)
    for source_dir, name, desc, obj in DOC_CASES:
        data = (json.dumps(obj, indent=2) + "\n").encode("utf-8")
        cls, reqs = expect(source_dir, data)
        exp = {"description": desc, "entryPoint": "lambda", "classification": cls, "requests": reqs, "answers": [200]}
        write(OUT + source_dir + "/" + name + ".json", data)
        write(OUT + source_dir + "/" + name + ".expected.json", sidecar(exp))
        readmes.setdefault(source_dir, []).append(
            (name, "**built from documentation** (no recording exists): the documented shape, values ours",
             ("docs.aws.amazon.com", "-", "lambda/latest/dg/services-iotevents.html"), desc))
        ids.append("aws/" + source_dir + "/" + name)
    for name, origin, where, desc in UNSUPPORTED:
        data, how, prov = load(origin, where)
        exp = {"description": desc + ": no classifier supports it, so it is rejected by name",
               "entryPoint": "lambda",
               "error": {"type": "UnrecognizedEventException", "messageContains": ["no classifier recognised the event"]}}
        write(OUT + "unsupported/" + name + ".json", data)
        write(OUT + "unsupported/" + name + ".expected.json", sidecar(exp))
        readmes.setdefault("unsupported", []).append((name, how, prov, desc))
        ids.append("aws/unsupported/" + name)
    for source_dir, rows in readmes.items():
        lines = ["# aws/" + source_dir + ": provenance", "",
                 "Built by `conformance/tools/aws_sources_b.py` from `/work/shared/fixtures` (see its PROVENANCE.md).",
                 "Expected values follow `aws/README.md`. Cases whose CloudEvent id is the Lambda request id",
                 "expect the AWS runner to invoke `LambdaHandler` with `Context.getAwsRequestId()` = `" + REQUEST_ID + "`.", "",
                 "| case | what | upstream repository | commit | path | license | how |",
                 "|---|---|---|---|---|---|---|"]
        for name, how, prov, desc in rows:
            lic = "Apache-2.0" if prov[1] != "-" else "this project's (not a copy)"
            lines.append("| `%s` | %s | %s | `%s` | `%s` | %s | %s |" % (name, desc, prov[0], prov[1], prov[2], lic, how))
        write(OUT + source_dir + "/README.md", ("\n".join(lines) + "\n").encode("utf-8"))
    owned = {"aws/" + d + "/" for d in readmes}
    existing = [l for l in open(INDEX).read().splitlines() if l and not any(l.startswith(o) for o in owned)]
    write(INDEX, ("\n".join(sorted(set(existing + ids))) + "\n").encode("utf-8"))
    print(len(ids), "cases")


if __name__ == "__main__":
    sys.exit(main())
