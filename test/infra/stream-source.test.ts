// The statistics consumer's stream trigger as CDK builds it: the records table's stream from its
// oldest record, only the counted item types (new or old image), a failed batch halved and retried a
// bounded number of times with partial failures reported, and what still fails described in a
// KMS-encrypted queue that refuses plain HTTP.
import { beforeAll, describe, expect, it } from 'vitest';
import { pascal } from '#infra/names.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { logicalIdAt, resourcesOfType, synth, type Synthesized } from './support.ts';

let s: Synthesized;
beforeAll(() => {
  s = synth({ manifest: appManifest });
});

const streamTriggers = appManifest.functions.flatMap((fn) => fn.triggers.flatMap((trigger) => (trigger.kind === 'tableStream' ? [{ fn, trigger }] : [])));

describe('table stream triggers', () => {
  it('the statistics consumer reads the records table’s stream', () => {
    expect(streamTriggers.map(({ fn, trigger }) => [fn.id, trigger.table])).toEqual([['StatsStream', 'records']]);
  });

  it.each(streamTriggers)('$fn.id: filtered, halved on error, bounded retries, failures kept in an encrypted queue', ({ trigger }) => {
    const table = logicalIdAt(s, `Tables/${pascal(trigger.table)}/Resource`);
    const mappings = resourcesOfType(s, 'AWS::Lambda::EventSourceMapping').filter(([, mapping]) => JSON.stringify(mapping.Properties?.EventSourceArn) === JSON.stringify({ 'Fn::GetAtt': [table, 'StreamArn'] }));
    expect(mappings).toHaveLength(1);
    const properties = mappings[0]![1].Properties!;
    expect(properties).toMatchObject({
      StartingPosition: trigger.startingPosition,
      BatchSize: trigger.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: trigger.retryAttempts,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const patterns = (properties.FilterCriteria as { Filters: { Pattern: string }[] }).Filters.map((filter) => JSON.parse(filter.Pattern) as unknown);
    expect(patterns).toEqual([
      { dynamodb: { NewImage: { itemType: { S: [...trigger.itemTypes] } } } },
      { dynamodb: { OldImage: { itemType: { S: [...trigger.itemTypes] } } } },
    ]);
    const [queue] = (properties.DestinationConfig as { OnFailure: { Destination: { 'Fn::GetAtt': [string, string] } } }).OnFailure.Destination['Fn::GetAtt'];
    expect(s.json.Resources[queue]?.Properties).toMatchObject({ KmsMasterKeyId: expect.anything(), MessageRetentionPeriod: 14 * 24 * 3600 });
    const policies = resourcesOfType(s, 'AWS::SQS::QueuePolicy').filter(([, policy]) => JSON.stringify(policy.Properties?.Queues).includes(queue));
    expect(JSON.stringify(policies)).toContain('aws:SecureTransport');
  });
});
