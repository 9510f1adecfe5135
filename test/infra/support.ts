// Shared helpers of the infra suites: build the stack the way `cdk synth` does (cdk.json's feature
// flags as context), and look things up in the synthesized template by construct path.
import { App, type Environment } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { readDeployConfig } from '#infra/config.ts';
import { repoRoot } from '#infra/paths.ts';
import { XuejiStack } from '#infra/stacks/xueji-stack.ts';
import type { AppManifest } from '#shared/manifest/types.ts';

export interface Synthesized {
  app: App;
  stack: XuejiStack;
  template: Template;
  json: CfnTemplate;
}

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown }>;
}

/** The context `cdk synth` sees: cdk.json's feature flags, the CLI's path metadata, `context`. */
export function cdkContext(context: Record<string, unknown> = {}): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(`${repoRoot}/cdk.json`, 'utf8')) as { context: Record<string, unknown> };
  return { ...cdkJson.context, 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true, ...context };
}

export interface SynthOptions {
  manifest: AppManifest;
  context?: Record<string, unknown>;
  /** Run the stack's esbuild build (seconds); otherwise CDK's official bundling skip is used. */
  bundle?: boolean;
  env?: Environment;
  stackId?: string;
}

export function synth(options: SynthOptions): Synthesized {
  const app = new App({
    context: cdkContext({ ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...options.context }),
  });
  const stack = new XuejiStack(app, options.stackId ?? 'Xueji-test', {
    manifest: options.manifest,
    config: readDeployConfig(app.node),
    env: options.env,
  });
  const template = Template.fromStack(stack);
  return { app, stack, template, json: template.toJSON() as CfnTemplate };
}

/** Logical id of the resource whose construct path is `<stack>/<path>` (e.g. 'Tables/Directory/Resource'). */
export function logicalIdAt(synthesized: Synthesized, path: string): string {
  const full = `${synthesized.stack.stackName}/${path}`;
  const found = Object.entries(synthesized.json.Resources).find(([, r]) => r.Metadata?.['aws:cdk:path'] === full);
  if (!found) throw new Error(`No resource at ${full}`);
  return found[0];
}

export function resourcesOfType(synthesized: Synthesized, type: string): [string, CfnResource][] {
  return Object.entries(synthesized.json.Resources).filter(([, r]) => r.Type === type);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every IAM statement attached to the execution role of manifest function `functionId`. */
export function statementsOf(synthesized: Synthesized, functionId: string): Statement[] {
  const role = logicalIdAt(synthesized, `Functions/${functionId}/Role/Resource`);
  return resourcesOfType(synthesized, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: role }]))
    .flatMap(([, p]) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
}

export const actionsOf = (statement: Statement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/** Logical ids a value references through Ref or Fn::GetAtt. */
export function referencedIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  const text = JSON.stringify(value);
  for (const match of text.matchAll(/\{"Ref":"([A-Za-z0-9]+)"\}/g)) ids.add(match[1] as string);
  for (const match of text.matchAll(/\{"Fn::GetAtt":\["([A-Za-z0-9]+)",/g)) ids.add(match[1] as string);
  return ids;
}
