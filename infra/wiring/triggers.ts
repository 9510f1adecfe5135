// Manifest triggers → AWS event sources: API routes, SQS event source mappings with partial batch
// failure, EventBridge cron rules, S3 object-created notifications filtered by prefix, and DynamoDB
// stream event sources filtered by item type.
import { Duration, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Trigger } from '#shared/manifest/types.ts';
import type { AppFunction } from '../constructs/app-function.ts';
import type { AppHttpApi } from '../constructs/http-api.ts';
import { acknowledge } from '../nag.ts';

export interface TriggerTargets {
  api: AppHttpApi | undefined;
  queue(name: string): sqs.Queue;
  bucket(name: string): s3.Bucket;
  table(name: string): dynamodb.Table;
  /** Encrypts the queue that keeps a stream trigger's failed batches. */
  dataKey: kms.IKey;
}

export function addTrigger(
  scope: Construct,
  functionId: string,
  fn: AppFunction,
  trigger: Trigger,
  index: number,
  to: TriggerTargets,
): void {
  switch (trigger.kind) {
    case 'http':
    case 'http-default':
      if (!to.api) throw new Error(`No HTTP API for the route of ${functionId}`);
      to.api.addRoute(trigger, fn.fn, functionId);
      return;
    case 'queue':
      fn.fn.addEventSource(
        new SqsEventSource(to.queue(trigger.queue), {
          batchSize: trigger.batchSize,
          maxBatchingWindow:
            trigger.maxBatchingWindowSeconds === undefined
              ? undefined
              : Duration.seconds(trigger.maxBatchingWindowSeconds),
          reportBatchItemFailures: true,
          ...(trigger.maxConcurrency === undefined ? {} : { maxConcurrency: trigger.maxConcurrency }),
        }),
      );
      return;
    case 'schedule':
      new events.Rule(scope, `${functionId}Schedule${index}`, {
        description: `Runs ${functionId}`,
        schedule: events.Schedule.cron({ ...trigger.cron }),
        targets: [new targets.LambdaFunction(fn.fn, { retryAttempts: 2, ...(trigger.input ? { event: events.RuleTargetInput.fromObject(trigger.input) } : {}) })],
      });
      return;
    case 'bucket':
      to.bucket(trigger.bucket).addEventNotification(s3.EventType.OBJECT_CREATED, new LambdaDestination(fn.fn), {
        prefix: trigger.prefix,
      });
      acknowledgeNotificationsHandler(scope);
      return;
    case 'tableStream':
      addStreamSource(scope, functionId, fn, trigger, index, to);
      return;
  }
}

/**
 * The stream as an event source: only the listed item types (a filter on the new or the old
 * image), a failed batch halved and retried, reporting the first record it did not process, and
 * what still fails after the retries described in a queue of its own (kept 14 days) for an operator.
 */
function addStreamSource(scope: Construct, functionId: string, fn: AppFunction, trigger: Extract<Trigger, { kind: 'tableStream' }>, index: number, to: TriggerTargets): void {
  const failures = new sqs.Queue(scope, `${functionId}StreamFailures${index}`, {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: to.dataKey,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(failures, 'AwsSolutions-SQS3', 'The on-failure destination of a stream event source: it holds the descriptions of batches that kept failing, read by an operator; nothing consumes it, so it has no dead-letter queue of its own.');
  const itemTypes = [...trigger.itemTypes];
  fn.fn.addEventSource(
    new DynamoEventSource(to.table(trigger.table), {
      startingPosition: trigger.startingPosition === 'LATEST' ? lambda.StartingPosition.LATEST : lambda.StartingPosition.TRIM_HORIZON,
      batchSize: trigger.batchSize,
      bisectBatchOnError: true,
      retryAttempts: trigger.retryAttempts,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(failures),
      filters: [lambda.FilterCriteria.filter({ dynamodb: { NewImage: { itemType: { S: itemTypes } } } }), lambda.FilterCriteria.filter({ dynamodb: { OldImage: { itemType: { S: itemTypes } } } })],
    }),
  );
  acknowledge(fn.role, 'AwsSolutions-IAM5[Resource::*]', 'dynamodb:ListStreams, which the stream event source needs, takes no resource; reading the stream itself is granted on that one stream.');
}

/** CDK's own singleton Lambda that writes bucket notification configurations at deploy time. */
function acknowledgeNotificationsHandler(scope: Construct): void {
  const stack = Stack.of(scope);
  for (const child of stack.node.children) {
    if (!child.node.id.startsWith('BucketNotificationsHandler')) continue;
    const role = child.node.tryFindChild('Role');
    if (!role) continue;
    acknowledge(
      role,
      // CDK builds this ARN from the AWS::Partition pseudo parameter, even in a region-pinned stack.
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Role of the CDK-provided BucketNotificationsHandler custom resource, which only runs during ' +
        'deployments to set S3 event notifications; its managed policy only allows writing its logs.',
    );
  }
}
