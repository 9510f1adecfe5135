// cdk-nag (AwsSolutions pack) as a CDK validation plugin: `cdk synth` fails on any unacknowledged
// finding, warnings included. Acknowledgements live next to the resource they excuse, through
// `acknowledge`, always with the specific reason; the infra tests list every one of them.
import { Validations, type PolicyViolation } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { AwsSolutionsChecks } from 'cdk-nag';

/** Runs the AwsSolutions checks on every stack of `app` at synthesis. */
export function applyNagChecks(app: IConstruct): void {
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true, writeSuppressionsToCloudFormation: true }),
  );
}

/**
 * Acknowledges one AwsSolutions finding on `scope` (and everything below it). `rule` is the
 * rule id, with the finding in brackets for multi-finding rules, e.g.
 * `AwsSolutions-IAM5[Resource::<RecordsTable.Arn>/index/*]`.
 */
export function acknowledge(scope: IConstruct, rule: `AwsSolutions-${string}`, reason: string): void {
  Validations.of(scope).acknowledge({ id: rule, reason });
}

/** Every unacknowledged AwsSolutions finding (errors and warnings) under `scope`; for tests. */
export function nagViolations(scope: IConstruct): PolicyViolation[] {
  return new AwsSolutionsChecks(undefined, { verbose: false }).validateScope(scope).violations;
}
