// The China partition: the stacks never spell out `arn:aws:`, so pinning the stack to cn-north-1
// yields aws-cn ARNs, URLs use the AWS::URLSuffix pseudo parameter (amazonaws.com.cn there), and
// cdk-nag stays clean there too.
import { beforeAll, describe, expect, it } from 'vitest';
import { nagViolations } from '#infra/nag.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { fixtureManifest } from './fixture-manifest.ts';
import { synth, type Synthesized } from './support.ts';

describe.each([
  { name: 'app manifest', manifest: appManifest },
  { name: 'fixture manifest', manifest: fixtureManifest },
])('pinned to cn-north-1: $name', ({ manifest }) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synth({ manifest, env: { region: 'cn-north-1' }, stackId: 'Xueji-cn' });
  });

  it('renders aws-cn ARNs and never aws ones', () => {
    const text = JSON.stringify(s.json);
    expect(text).not.toContain('arn:aws:');
    expect(text).toContain('arn:aws-cn:');
  });

  it('builds the API URL from the region and the URL suffix (amazonaws.com.cn there)', () => {
    expect(s.json.Outputs?.ApiUrl?.Value).toEqual({
      'Fn::Join': ['', ['https://', { Ref: expect.any(String) }, '.execute-api.cn-north-1.', { Ref: 'AWS::URLSuffix' }, '/']],
    });
  });

  it('passes the AwsSolutions checks', () => {
    expect(nagViolations(s.stack).map((v) => v.ruleName)).toEqual([]);
  });
});
