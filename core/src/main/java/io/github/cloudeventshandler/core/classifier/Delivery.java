package io.github.cloudeventshandler.core.classifier;

/** How the records of one event are delivered to the application and how failures count. */
public enum Delivery {
  /**
   * The platform retries the whole event on any failure (Event Grid arrays, S3 and SNS
   * notifications, a CloudEvents batch). Records are dispatched in order; at the first failure the
   * rest are skipped, since the whole event will come again.
   */
  ALL_OR_NOTHING,
  /**
   * Each record stands alone (SQS standard queues): every record is dispatched and each failure is
   * reported on its own.
   */
  PER_RECORD,
  /**
   * Order matters (SQS FIFO, Kinesis, DynamoDB streams): records are dispatched in order, and at
   * the first failure that record and every record after it are reported as not handled.
   */
  ORDERED
}
