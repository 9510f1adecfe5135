// cdk-nag's AwsSolutions pack over every configuration we ship: zero unacknowledged findings,
// errors and warnings alike; and every acknowledgement still excuses a real finding (no stale ones).
import { App, Validations, type Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDeployConfig } from '#infra/config.ts';
import { nagViolations } from '#infra/nag.ts';
import { XuejiStack } from '#infra/stacks/xueji-stack.ts';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import type { AppManifest } from '#shared/manifest/types.ts';
import { fixtureManifest } from './fixture-manifest.ts';
import { cdkContext } from './support.ts';

const configurations: { name: string; manifest: AppManifest; context: Record<string, unknown>; region?: string }[] = [
  { name: 'app manifest, defaults', manifest: appManifest, context: {} },
  { name: 'app manifest, Cognito', manifest: appManifest, context: { cognito: true } },
  {
    name: 'app manifest, web app on a custom domain',
    manifest: appManifest,
    context: { webDomain: 'xueji.example.com', webCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f' },
  },
  {
    name: 'app manifest, China region with an ICP-filed domain',
    manifest: appManifest,
    context: { webDomain: 'xueji.example.cn', webCertificateArn: 'ASCAEXAMPLE0EXAMPLE01' },
    region: 'cn-northwest-1',
  },
  { name: 'fixture manifest (queues, schedule, bucket events)', manifest: fixtureManifest, context: {} },
  {
    name: 'app manifest, backups replicated to another region',
    manifest: appManifest,
    context: { backupReplicaRegion: 'eu-west-1', backupReplicaBucket: 'xueji-backups-replica', backupReplicaKeyArn: 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
  },
  {
    name: 'app manifest, China region with backups replicated to the other one',
    manifest: appManifest,
    context: { webDomain: 'xueji.example.cn', webCertificateArn: 'ASCAEXAMPLE0EXAMPLE01', backupReplicaRegion: 'cn-north-1', backupReplicaBucket: 'xueji-backups-bj', backupReplicaKeyArn: 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
    region: 'cn-northwest-1',
  },
];

/** Builds the construct tree only: cdk-nag inspects constructs, no synthesis needed. */
function build(manifest: AppManifest, context: Record<string, unknown>, region?: string): XuejiStack {
  const app = new App({ context: cdkContext({ 'aws:cdk:bundling-stacks': [], ...context }) });
  return new XuejiStack(app, 'Xueji-nag', { manifest, config: readDeployConfig(app.node), env: region ? { region } : undefined });
}

interface Ack {
  path: string;
  rule: string;
  reason: string;
}

function acknowledgements(root: IConstruct): Ack[] {
  return root.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([rule, reason]) => ({
          path: c.node.path,
          rule: rule.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** What the pack would report if nothing were acknowledged: rule → construct paths. */
function rawFindings(stack: Stack): Map<string, string[]> {
  const pack = new AwsSolutionsChecks(undefined, {});
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  return new Map(
    pack
      .validateScope(stack)
      .violations.map((v) => [v.ruleName, v.violatingResources.map((r) => (r as { constructPath?: string }).constructPath ?? '')]),
  );
}

describe.each(configurations)('AwsSolutions checks: $name', ({ manifest, context, region }) => {
  let stack: XuejiStack;
  beforeAll(() => {
    stack = build(manifest, context, region);
  });

  it('reports no unacknowledged error or warning', () => {
    const violations = nagViolations(stack).map((v) => ({
      rule: v.ruleName,
      severity: v.severity,
      at: v.violatingResources.map((r) => (r as { constructPath?: string }).constructPath),
    }));
    expect(violations).toEqual([]);
  });

  it('acknowledges only findings that exist, each with a specific reason', () => {
    const findings = rawFindings(stack);
    const acks = acknowledgements(stack).filter((a) => a.rule.startsWith('AwsSolutions-'));
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      const at = findings.get(ack.rule) ?? [];
      expect(at.some((path) => path === ack.path || path.startsWith(`${ack.path}/`)), `${ack.rule} at ${ack.path}`).toBe(true);
      expect(ack.reason.length).toBeGreaterThan(40);
    }
  });

  it('never acknowledges a whole rule for the whole stack', () => {
    const acks = acknowledgements(stack.node.root);
    const broad = acks.filter((a) => a.path === '' || a.path === stack.node.path);
    expect(broad).toEqual([]);
  });
});
