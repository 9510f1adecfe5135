// Manifest triggers → AWS event sources: API routes, SQS event source mappings with partial batch
// failure, EventBridge cron rules, and S3 object-created notifications filtered by prefix.
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { Trigger } from '#shared/manifest/types.ts';
import type { AppFunction } from '../constructs/app-function.ts';
import type { AppHttpApi } from '../constructs/http-api.ts';
import { acknowledge } from '../nag.ts';

export interface TriggerTargets {
  api: AppHttpApi | undefined;
  queue(name: string): sqs.Queue;
  bucket(name: string): s3.Bucket;
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
  }
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
