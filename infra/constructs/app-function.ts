// One manifest function as a Lambda: Node.js 24 on ARM, active tracing, its own log group, and its
// own role that starts with nothing but the right to write that log group. Its code (an ESM bundle
// with a source map) comes from the stack's one esbuild build (function-bundles.ts). Grants and
// triggers are added by the manifest wiring.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDef } from '#shared/manifest/types.ts';
import { acknowledge } from '../nag.ts';
import { BUNDLE_HANDLER } from './function-bundles.ts';

export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

export interface AppFunctionProps {
  def: FunctionDef;
  /** The function's bundle (`FunctionBundles.code`), exporting `handler` from `index.mjs`. */
  code: lambda.Code;
  environment: Record<string, string>;
  environmentKey: kms.IKey;
  /** Lambda's application log level; Powertools follows it (AWS_LAMBDA_LOG_LEVEL). */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

export class AppFunction extends Construct implements iam.IGrantable {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly grantPrincipal: iam.IPrincipal;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    const { def } = props;
    this.timeout = Duration.seconds(def.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS);

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // An own role instead of AWSLambdaBasicExecutionRole: writes to this log group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${def.id} handler (${def.entry})`,
    });
    logGroup.grantWrite(this.role);
    this.grantPrincipal = this.role;

    this.fn = new lambda.Function(this, 'Handler', {
      code: props.code,
      handler: BUNDLE_HANDLER,
      description: def.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: def.memoryMb ?? DEFAULT_MEMORY_MB,
      timeout: this.timeout,
      role: this.role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel],
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      tracing: lambda.Tracing.ACTIVE,
      // Each asset carries its bundle's source map, but Node does not load it on every cold start
      // (--enable-source-maps parses the whole map up front: some 10 ms, measured by `npm run bench
      // -- bundles`); a stack trace in the logs is mapped back with the map from the asset.
      environment: props.environment,
      environmentEncryption: props.environmentKey,
    });
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no ' +
        'resource-level permissions; the infra tests assert no other action is granted on "*".',
    );
  }
}
