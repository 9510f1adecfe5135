// The HTTP API (payload v2): one route per manifest http trigger, CORS preflight for the web
// origin, JSON access logs and throttling on the default stage. Handlers verify every token
// themselves; with `useJwtAuthorizer` API Gateway also rejects bad tokens before any Lambda runs.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Trigger } from '#shared/manifest/types.ts';
import type { AuthSettings } from './api-auth.ts';
import { LOG_RETENTION } from './app-function.ts';
import { acknowledge } from '../nag.ts';
import { pascal } from '../names.ts';

export type HttpTrigger = Extract<Trigger, { kind: 'http' }>;

export interface AppHttpApiProps {
  apiName: string;
  auth: AuthSettings;
  useJwtAuthorizer: boolean;
  webOrigin: string;
  throttleRateLimit: number;
  throttleBurstLimit: number;
}

/** HTTP API access-log fields; no headers, bodies or tokens (personal data stays out of logs). */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  error: '$context.error.message',
};

export class AppHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  private readonly props: AppHttpApiProps;
  private readonly jwtAuthorizer: HttpJwtAuthorizer | undefined;
  private readonly integrations = new Map<lambda.IFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: AppHttpApiProps) {
    super(scope, id);
    this.props = props;
    this.api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: props.apiName,
      description: '学籍管理系统 API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [props.webOrigin],
        allowMethods: [
          apigw.CorsHttpMethod.GET,
          apigw.CorsHttpMethod.POST,
          apigw.CorsHttpMethod.PUT,
          apigw.CorsHttpMethod.PATCH,
          apigw.CorsHttpMethod.DELETE,
        ],
        allowHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'x-correlation-id'],
        exposeHeaders: ['etag', 'location', 'x-correlation-id'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: LOG_RETENTION,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit, burstLimit: props.throttleBurstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    this.jwtAuthorizer = props.useJwtAuthorizer
      ? new HttpJwtAuthorizer('JwtAuthorizer', props.auth.issuer, {
          jwtAudience: [props.auth.audience],
          identitySource: ['$request.header.Authorization'],
        })
      : undefined;
  }

  /** The invoke URL of the default stage. */
  get url(): string {
    return this.stage.url;
  }

  /** Routes `trigger` (method + path exactly as in the manifest) to `handler`. */
  addRoute(trigger: HttpTrigger, handler: lambda.IFunction, functionId: string): apigw.HttpRoute {
    let integration = this.integrations.get(handler);
    if (!integration) {
      integration = new HttpLambdaIntegration(`${functionId}Integration`, handler);
      this.integrations.set(handler, integration);
    }
    const routeKey = `${trigger.method} ${trigger.route}`;
    const jwt = trigger.auth === 'jwt' ? this.jwtAuthorizer : undefined;
    const route = new apigw.HttpRoute(this, `Route${trigger.method}${pascal(trigger.route)}`, {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.with(trigger.route, apigw.HttpMethod[trigger.method]),
      integration,
      authorizer: jwt ?? new apigw.HttpNoneAuthorizer(),
    });
    if (trigger.auth === 'none') {
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        `${routeKey} is public by design in the app manifest (auth: 'none'); it returns no ` +
          'personal data and is throttled with the rest of the stage.',
      );
    } else if (!jwt) {
      acknowledge(
        route,
        'AwsSolutions-APIG4',
        `${routeKey} requires a JWT, verified by the handler middleware against the configured ` +
          'issuer; the API Gateway JWT authorizer is switched off by context useJwtAuthorizer=false.',
      );
    }
    return route;
  }
}
