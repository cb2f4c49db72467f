package io.github.cloudeventshandler.aws;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** Small hand-written events for unit tests (recorded ones live in the conformance module). */
final class Events {
  private Events() {}

  static JsonObject sqsRecord(int i, boolean fifo) {
    JsonObject r = new JsonObject();
    r.addProperty("messageId", "m" + i);
    r.addProperty("receiptHandle", "h" + i);
    r.addProperty("body", "body " + i);
    JsonObject attributes = new JsonObject();
    attributes.addProperty("SentTimestamp", "1523232000000");
    if (fifo) {
      attributes.addProperty("MessageGroupId", "g");
    }
    r.add("attributes", attributes);
    r.add("messageAttributes", new JsonObject());
    r.addProperty("eventSource", "aws:sqs");
    r.addProperty("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:q");
    r.addProperty("awsRegion", "us-east-1");
    return r;
  }

  static String sqs(int n, boolean fifo) {
    JsonArray a = new JsonArray();
    for (int i = 1; i <= n; i++) {
      a.add(sqsRecord(i, fifo));
    }
    return records(a);
  }

  static String records(JsonArray a) {
    JsonObject o = new JsonObject();
    o.add("Records", a);
    return o.toString();
  }

  static JsonObject kinesisRecord(int i, String data) {
    JsonObject k = new JsonObject();
    k.addProperty("partitionKey", "pk");
    k.addProperty("data", data);
    k.addProperty("sequenceNumber", "seq" + i);
    k.addProperty("approximateArrivalTimestamp", 1428537600.5);
    JsonObject r = new JsonObject();
    r.add("kinesis", k);
    r.addProperty("eventSource", "aws:kinesis");
    r.addProperty("eventID", "shardId-0:seq" + i);
    r.addProperty("eventSourceARN", "arn:aws:kinesis:us-east-1:123456789012:stream/s");
    return r;
  }

  static String kinesis(int n) {
    JsonArray a = new JsonArray();
    for (int i = 1; i <= n; i++) {
      a.add(kinesisRecord(i, "aGVsbG8="));
    }
    return records(a);
  }

  static JsonObject dynamoRecord(int i) {
    JsonObject d = new JsonObject();
    d.addProperty("SequenceNumber", "ddb" + i);
    d.addProperty("ApproximateCreationDateTime", 1428537600);
    JsonObject r = new JsonObject();
    r.addProperty("eventID", "e" + i);
    r.addProperty("eventName", "INSERT");
    r.addProperty("eventSource", "aws:dynamodb");
    r.addProperty("eventSourceARN", "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x");
    r.add("dynamodb", d);
    return r;
  }

  static String dynamo(int n) {
    JsonArray a = new JsonArray();
    for (int i = 1; i <= n; i++) {
      a.add(dynamoRecord(i));
    }
    return records(a);
  }

  static JsonObject s3Record(String key) {
    JsonObject r = new JsonObject();
    r.addProperty("eventSource", "aws:s3");
    r.addProperty("awsRegion", "us-east-1");
    r.addProperty("eventTime", "1970-01-01T00:00:00.000Z");
    r.addProperty("eventName", "ObjectCreated:Put");
    JsonObject re = new JsonObject();
    re.addProperty("x-amz-request-id", "R");
    re.addProperty("x-amz-id-2", "I2");
    r.add("responseElements", re);
    JsonObject bucket = new JsonObject();
    bucket.addProperty("name", "b");
    JsonObject object = new JsonObject();
    object.addProperty("key", key);
    JsonObject s3 = new JsonObject();
    s3.add("bucket", bucket);
    s3.add("object", object);
    r.add("s3", s3);
    return r;
  }

  static String s3(String key) {
    JsonArray a = new JsonArray();
    a.add(s3Record(key));
    return records(a);
  }

  static String firehose(String... data) {
    JsonObject o = new JsonObject();
    o.addProperty("invocationId", "inv");
    o.addProperty("deliveryStreamArn", "arn:aws:firehose:us-east-1:123456789012:deliverystream/d");
    o.addProperty("region", "us-east-1");
    JsonArray a = new JsonArray();
    for (int i = 0; i < data.length; i++) {
      JsonObject r = new JsonObject();
      r.addProperty("recordId", "r" + (i + 1));
      r.addProperty("approximateArrivalTimestamp", 1495072949453L);
      r.addProperty("data", data[i]);
      a.add(r);
    }
    o.add("records", a);
    return o.toString();
  }

  static String cloudFormation(String requestType, String responseUrl) {
    JsonObject o = new JsonObject();
    o.addProperty("RequestType", requestType);
    if (responseUrl != null) {
      o.addProperty("ResponseURL", responseUrl);
    }
    o.addProperty("StackId", "arn:aws:cloudformation:us-east-1:123456789012:stack/S/guid");
    o.addProperty("RequestId", "rid-1");
    o.addProperty("ResourceType", "Custom::T");
    o.addProperty("LogicalResourceId", "MyRes");
    if (!requestType.equals("Create")) {
      o.addProperty("PhysicalResourceId", "phys-1");
    }
    JsonObject props = new JsonObject();
    props.addProperty("Size", "3");
    o.add("ResourceProperties", props);
    return o.toString();
  }

  static JsonObject apiV1() {
    JsonObject o = new JsonObject();
    o.addProperty("resource", "/{proxy+}");
    o.addProperty("path", "/books/a b");
    o.addProperty("httpMethod", "POST");
    JsonObject headers = new JsonObject();
    headers.addProperty("Host", "x.execute-api.us-east-1.amazonaws.com");
    headers.addProperty("Content-Type", "image/png");
    o.add("headers", headers);
    JsonObject ctx = new JsonObject();
    ctx.addProperty("requestId", "api-req");
    ctx.addProperty("stage", "prod");
    o.add("requestContext", ctx);
    o.addProperty("body", "iVBORw0K");
    o.addProperty("isBase64Encoded", true);
    return o;
  }

  static JsonObject apiV2() {
    JsonObject o = new JsonObject();
    o.addProperty("version", "2.0");
    o.addProperty("routeKey", "$default");
    o.addProperty("rawPath", "/my/path");
    o.addProperty("rawQueryString", "a=1&a=2");
    JsonArray cookies = new JsonArray();
    cookies.add("c1=v1");
    cookies.add("c2=v2");
    o.add("cookies", cookies);
    JsonObject headers = new JsonObject();
    headers.addProperty("header1", "value1,value2");
    o.add("headers", headers);
    JsonObject http = new JsonObject();
    http.addProperty("method", "GET");
    http.addProperty("path", "/my/path");
    JsonObject ctx = new JsonObject();
    ctx.addProperty("requestId", "v2-req");
    ctx.addProperty("domainName", "id.execute-api.us-east-1.amazonaws.com");
    ctx.add("http", http);
    o.add("requestContext", ctx);
    o.addProperty("isBase64Encoded", false);
    return o;
  }

  static JsonObject alb(boolean multi) {
    JsonObject o = new JsonObject();
    JsonObject elb = new JsonObject();
    elb.addProperty("targetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/t/1");
    JsonObject ctx = new JsonObject();
    ctx.add("elb", elb);
    o.add("requestContext", ctx);
    o.addProperty("httpMethod", "GET");
    o.addProperty("path", "/a%20b");
    if (multi) {
      JsonObject h = new JsonObject();
      JsonArray host = new JsonArray();
      host.add("lb.example.com");
      h.add("host", host);
      JsonArray accept = new JsonArray();
      accept.add("text/html");
      accept.add("application/json");
      h.add("accept", accept);
      o.add("multiValueHeaders", h);
      JsonObject q = new JsonObject();
      JsonArray v = new JsonArray();
      v.add("1");
      v.add("2");
      q.add("q", v);
      o.add("multiValueQueryStringParameters", q);
    } else {
      JsonObject h = new JsonObject();
      h.addProperty("host", "lb.example.com");
      o.add("headers", h);
      JsonObject q = new JsonObject();
      q.addProperty("q", "a%20b");
      o.add("queryStringParameters", q);
    }
    o.addProperty("body", "");
    o.addProperty("isBase64Encoded", false);
    return o;
  }
}
