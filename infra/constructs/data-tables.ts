// One DynamoDB table per manifest table: on-demand, customer-managed KMS, point-in-time recovery,
// deletion protection, retained when the stack goes away.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { KeyAttribute, TableDef, TableName } from '#shared/manifest/types.ts';
import { pascal } from '../names.ts';

export interface DataTablesProps {
  defs: readonly TableDef[];
  key: kms.IKey;
}

export class DataTables extends Construct {
  readonly byName: ReadonlyMap<TableName, dynamodb.Table>;

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    const byName = new Map<TableName, dynamodb.Table>();
    for (const def of props.defs) {
      const table = new dynamodb.Table(this, pascal(def.name), {
        partitionKey: attribute(def.partitionKey),
        sortKey: def.sortKey && attribute(def.sortKey),
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: props.key,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        stream: def.stream ? dynamodb.StreamViewType.NEW_AND_OLD_IMAGES : undefined,
        timeToLiveAttribute: def.ttlAttribute,
      });
      for (const index of def.indexes) {
        // Lists read a few attributes; an index that copies only those costs less per write and page.
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: attribute(index.partitionKey),
          sortKey: index.sortKey && attribute(index.sortKey),
          ...(index.include ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] } : { projectionType: dynamodb.ProjectionType.ALL }),
        });
      }
      byName.set(def.name, table);
    }
    this.byName = byName;
  }
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return {
    name: key.name,
    type: key.type === 'N' ? dynamodb.AttributeType.NUMBER : dynamodb.AttributeType.STRING,
  };
}
