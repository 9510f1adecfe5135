// Least privilege from the manifest: a function gets exactly the table, bucket and queue rights
// its entry names, through the CDK grant methods (which add the KMS rights the data key needs).
// The wildcards those methods produce are acknowledged here, per grant, with the reason.
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { DataAccess, QueueAccess, TableAccess } from '#shared/manifest/types.ts';
import type { AppFunction } from '../constructs/app-function.ts';
import { acknowledge } from '../nag.ts';

export function grantTable(fn: AppFunction, table: dynamodb.Table, hasIndexes: boolean, access: TableAccess): void {
  if (access === 'export') {
    // Starts exports only, of the table itself (not its indexes): DynamoDB reads the items from
    // point-in-time recovery, never through this role.
    fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:ExportTableToPointInTime'], resources: [table.tableArn] }));
    return;
  }
  if (access === 'readwrite') table.grantReadWriteData(fn);
  else table.grantReadData(fn);
  if (hasIndexes) {
    acknowledge(
      fn.role,
      `AwsSolutions-IAM5[Resource::<${logicalId(table)}.Arn>/index/*]`,
      'Queries on the global secondary indexes of this one table; no other table is covered.',
    );
  }
  if (access === 'readwrite') acknowledgeKmsWrite(fn);
}

export function grantBucket(fn: AppFunction, bucket: s3.Bucket, access: DataAccess): void {
  if (access === 'readwrite') bucket.grantReadWrite(fn);
  else bucket.grantRead(fn);
  const objects = 'Object-level actions on the objects of this one bucket (keys are generated per upload).';
  acknowledge(fn.role, `AwsSolutions-IAM5[Resource::<${logicalId(bucket)}.Arn>/*]`, objects);
  const actions =
    'CDK grantRead/grantReadWrite action groups (object versions, tags, ACL reads, multipart aborts), ' +
    'scoped to this one bucket and its objects.';
  for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*']) {
    acknowledge(fn.role, `AwsSolutions-IAM5[Action::${action}]`, actions);
  }
  if (access === 'readwrite') {
    for (const action of ['s3:DeleteObject*', 's3:Abort*']) {
      acknowledge(fn.role, `AwsSolutions-IAM5[Action::${action}]`, actions);
    }
    acknowledgeKmsWrite(fn);
  }
}

export function grantQueue(fn: AppFunction, queue: sqs.Queue, access: QueueAccess, triggered: boolean): void {
  if (access === 'send' || access === 'consumeAndSend') queue.grantSendMessages(fn);
  // A queue trigger adds the event source, which grants consumption itself.
  if (access !== 'send' && !triggered) queue.grantConsumeMessages(fn);
}

function acknowledgeKmsWrite(fn: AppFunction): void {
  const reason =
    'kms:GenerateDataKey* and kms:ReEncrypt* on the single customer-managed data key, needed to ' +
    'write encrypted items and objects; the resource is that key, not "*".';
  acknowledge(fn.role, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', reason);
  acknowledge(fn.role, 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', reason);
}

function logicalId(resource: dynamodb.Table | s3.Bucket): string {
  return Stack.of(resource).getLogicalId(resource.node.defaultChild as CfnElement);
}
