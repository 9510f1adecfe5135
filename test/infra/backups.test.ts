// Records keeping in the cloud: point-in-time recovery on every table; the scheduled full export
// (TableExport, cloud only) with exactly the rights to start exports and write them to a bucket of
// its own (versioned, KMS, lifecycle); and, with the backupReplica* settings, that bucket copied to
// an existing bucket in another region, without them no replication at all.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { readDeployConfig } from '#infra/config.ts';
import { pascal } from '#infra/names.ts';
import { DAILY_EXPORT_KEEP_DAYS, DAILY_EXPORTS_PREFIX } from '#shared/domain/backups/table-exports.ts';
import { appManifest, BACKUPS_BUCKET } from '#shared/manifest/app-manifest.ts';
import { actionsOf, cdkContext, logicalIdAt, resourcesOfType, statementsOf, synth } from './support.ts';

const REPLICA = {
  backupReplicaRegion: 'cn-north-1',
  backupReplicaBucket: 'xueji-prod-backups-bj',
  backupReplicaKeyArn: 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
};
const exporter = appManifest.functions.find((fn) => fn.id === 'TableExport')!;

describe('without a backup replica (the default)', () => {
  const s = synth({ manifest: appManifest });

  it.each(appManifest.tables)('$name keeps point-in-time recovery', (def) => {
    const table = s.json.Resources[logicalIdAt(s, `Tables/${pascal(def.name)}/Resource`)]!;
    expect(table.Properties?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('exports every table that keeps records, daily at 03:00 and monthly on the 1st at 03:30 China time', () => {
    expect(exporter.cloudOnly).toBe(true);
    // The throttle table holds only counters that expire within a day.
    expect(Object.keys(exporter.tables ?? {}).sort()).toEqual(appManifest.tables.map((t) => t.name).filter((name) => name !== 'throttle').sort());
    expect(Object.values(exporter.tables ?? {}).every((access) => access === 'export')).toBe(true);
    const rules = resourcesOfType(s, 'AWS::Events::Rule').filter(([, rule]) => JSON.stringify(rule.Properties?.Targets).includes(logicalIdAt(s, 'Functions/TableExport/Handler/Resource')));
    expect(rules.map(([, rule]) => rule.Properties?.ScheduleExpression).sort()).toEqual(['cron(0 19 * * ? *)', 'cron(30 19 L * ? *)']);
    expect(rules.map(([, rule]) => JSON.parse(String((rule.Properties?.Targets as { Input: string }[])[0]!.Input)) as unknown)).toEqual(
      expect.arrayContaining([{ retention: 'daily' }, { retention: 'monthly' }]),
    );
  });

  it('the export may start exports of those tables (not their indexes) and write the backups bucket, nothing else', () => {
    const statements = statementsOf(s, 'TableExport');
    const exports = statements.filter((statement) => actionsOf(statement).includes('dynamodb:ExportTableToPointInTime'));
    expect(exports).toHaveLength(1);
    expect(actionsOf(exports[0]!)).toEqual(['dynamodb:ExportTableToPointInTime']);
    expect(exports[0]!.Resource).toEqual(['directory', 'records'].map((name) => ({ 'Fn::GetAtt': [logicalIdAt(s, `Tables/${pascal(name)}/Resource`), 'Arn'] })));
    expect(statements.flatMap(actionsOf).filter((action) => action.startsWith('dynamodb:'))).toEqual(['dynamodb:ExportTableToPointInTime']);
    const bucket = logicalIdAt(s, `Buckets/${pascal(BACKUPS_BUCKET)}/Resource`);
    const puts = statements.filter((statement) => actionsOf(statement).includes('s3:PutObject') || actionsOf(statement).includes('s3:PutObjectAcl'));
    expect(puts.length).toBeGreaterThan(0);
    for (const statement of puts) expect(JSON.stringify(statement.Resource)).toContain(bucket);
    const variables = (s.json.Resources[logicalIdAt(s, 'Functions/TableExport/Handler/Resource')]!.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.TABLE_RECORDS_ARN).toEqual({ 'Fn::GetAtt': [logicalIdAt(s, 'Tables/Records/Resource'), 'Arn'] });
    expect(variables.TABLE_THROTTLE_ARN).toBeUndefined();
  });

  it('the backups bucket is versioned, KMS-encrypted, retained, keeps daily exports 35 days and is not replicated', () => {
    const bucket = s.json.Resources[logicalIdAt(s, `Buckets/${pascal(BACKUPS_BUCKET)}/Resource`)]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({ VersioningConfiguration: { Status: 'Enabled' } });
    expect(JSON.stringify(bucket.Properties?.BucketEncryption)).toContain('aws:kms');
    expect((bucket.Properties?.LifecycleConfiguration as { Rules: unknown[] }).Rules).toContainEqual(
      expect.objectContaining({ Prefix: DAILY_EXPORTS_PREFIX, ExpirationInDays: DAILY_EXPORT_KEEP_DAYS, Status: 'Enabled' }),
    );
    expect(bucket.Properties?.ReplicationConfiguration).toBeUndefined();
    expect(resourcesOfType(s, 'AWS::IAM::Role').filter(([, role]) => String(role.Metadata?.['aws:cdk:path']).includes('ReplicationRole'))).toEqual([]);
  });
});

describe('with a backup replica in another region', () => {
  const s = synth({ manifest: appManifest, context: REPLICA, env: { region: 'cn-northwest-1' } });

  it('replicates every new object of the backups bucket (KMS-encrypted ones too) to the given bucket, encrypted with the given key; deletions stay here', () => {
    const bucket = s.json.Resources[logicalIdAt(s, `Buckets/${pascal(BACKUPS_BUCKET)}/Resource`)]!;
    expect(bucket.Properties?.ReplicationConfiguration).toEqual({
      Role: { 'Fn::GetAtt': [logicalIdAt(s, `Buckets/${pascal(BACKUPS_BUCKET)}/ReplicationRole/Resource`), 'Arn'] },
      Rules: [
        expect.objectContaining({
          Id: 'off-site-copy',
          Status: 'Enabled',
          DeleteMarkerReplication: { Status: 'Disabled' },
          Destination: { Bucket: 'arn:aws-cn:s3:::xueji-prod-backups-bj', EncryptionConfiguration: { ReplicaKmsKeyID: REPLICA.backupReplicaKeyArn } },
          SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
        }),
      ],
    });
    // The files bucket is not a backup: it is not copied.
    expect(s.json.Resources[logicalIdAt(s, 'Buckets/Files/Resource')]!.Properties?.ReplicationConfiguration).toBeUndefined();
  });

  it('the replication role reads this bucket with the data key and writes only the replica with its key', () => {
    s.template.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 's3.amazonaws.com' } })] }) });
    const role = logicalIdAt(s, `Buckets/${pascal(BACKUPS_BUCKET)}/ReplicationRole/Resource`);
    const statements = resourcesOfType(s, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties?.Roles) === JSON.stringify([{ Ref: role }]))
      .flatMap(([, policy]) => (policy.Properties?.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
    const on = (resource: unknown) => statements.filter((statement) => JSON.stringify(statement.Resource) === JSON.stringify(resource)).flatMap((statement) => [statement.Action].flat());
    expect(on('arn:aws-cn:s3:::xueji-prod-backups-bj/*')).toEqual(expect.arrayContaining(['s3:ReplicateObject']));
    expect(on(REPLICA.backupReplicaKeyArn)).toEqual(expect.arrayContaining(['kms:Encrypt']));
    expect(on({ 'Fn::GetAtt': [logicalIdAt(s, 'DataKey/Resource'), 'Arn'] })).toEqual(['kms:Decrypt']);
    for (const statement of statements) expect(statement.Resource).not.toBe('*');
  });
});

describe('the backupReplica* settings', () => {
  const config = (context: Record<string, unknown>) => readDeployConfig(new App({ context: cdkContext(context) }).node);

  it('go together, name another region, a bucket name and a key in that region', () => {
    expect(config({}).backupReplica).toBeUndefined();
    expect(config(REPLICA).backupReplica).toEqual({ region: 'cn-north-1', bucketName: 'xueji-prod-backups-bj', keyArn: REPLICA.backupReplicaKeyArn });
    expect(() => config({ backupReplicaRegion: 'cn-north-1' })).toThrow(/go together/);
    expect(() => config({ ...REPLICA, region: 'cn-north-1' })).toThrow(/another region/);
    expect(() => config({ ...REPLICA, backupReplicaBucket: 'Not_A_Bucket' })).toThrow(/bucket name/);
    expect(() => config({ ...REPLICA, backupReplicaKeyArn: 'arn:aws-cn:kms:cn-northwest-1:123456789012:key/abc' })).toThrow(/KMS key in cn-north-1/);
  });
});
