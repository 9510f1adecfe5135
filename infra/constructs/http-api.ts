// The HTTP API (payload v2): one route per manifest http trigger plus the `$default` route, JSON
// access logs and throttling on the default stage. The web app reaches it through its own
// distribution (`/v1/*`, same origin: no CORS); CORS preflight is answered only for an extra
// `webOrigin` from context.
//
// So that every answer has the API's error shape: no JWT authorizer (its 401 would be
// {"message":"Unauthorized"}); the handlers verify every token themselves, with the same code in
// every region and locally. Unknown routes go to the `$default` route, whose handler answers 404
// or 405 in the error shape instead of API Gateway's {"message":"Not Found"}. What API Gateway still
// answers itself (stage throttling 429, payloads over 10 MB, malformed requests it refuses before
// routing) is listed in infra/README.md.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { CORS } from '#shared/http/cors.ts';
import type { Trigger } from '#shared/manifest/types.ts';
import { LOG_RETENTION } from './app-function.ts';
import { acknowledge } from '../nag.ts';
import { pascal } from '../names.ts';

export type HttpTrigger = Extract<Trigger, { kind: 'http' | 'http-default' }>;

export interface AppHttpApiProps {
  apiName: string;
  /** An origin other than the web distribution's whose browsers may call the API (CORS). */
  webOrigin: string | undefined;
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
  private readonly integrations = new Map<lambda.IFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: AppHttpApiProps) {
    super(scope, id);
    this.props = props;
    this.api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: props.apiName,
      description: '学籍管理系统 API',
      createDefaultStage: false,
      corsPreflight: props.webOrigin
        ? {
            allowOrigins: [props.webOrigin],
            allowMethods: CORS.allowMethods.map((method) => apigw.CorsHttpMethod[method]),
            allowHeaders: [...CORS.allowHeaders],
            exposeHeaders: [...CORS.exposeHeaders],
            maxAge: Duration.seconds(CORS.maxAgeSeconds),
          }
        : undefined,
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
  }

  /** The invoke URL of the default stage. */
  get url(): string {
    return this.stage.url;
  }

  /** The API's host name (`<api-id>.execute-api.<region>.<url suffix>`), for a CloudFront origin. */
  get domainName(): string {
    const stack = Stack.of(this);
    return `${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
  }

  /** Routes `trigger` (method + path exactly as in the manifest, or `$default`) to `handler`. */
  addRoute(trigger: HttpTrigger, handler: lambda.IFunction, functionId: string): apigw.HttpRoute {
    let integration = this.integrations.get(handler);
    if (!integration) {
      // One permission per function for all its routes (not one per route): a resource fewer per
      // route, which is what keeps a product of 150 routes inside one stack.
      integration = new HttpLambdaIntegration(`${functionId}Integration`, handler, { scopePermissionToRoute: false });
      this.integrations.set(handler, integration);
    }
    const isDefault = trigger.kind === 'http-default';
    const routeKey = isDefault ? apigw.HttpRouteKey.DEFAULT : apigw.HttpRouteKey.with(trigger.route, apigw.HttpMethod[trigger.method]);
    const route = new apigw.HttpRoute(this, isDefault ? 'RouteDefault' : `Route${trigger.method}${pascal(trigger.route)}`, {
      httpApi: this.api,
      routeKey,
      integration,
      authorizer: new apigw.HttpNoneAuthorizer(),
    });
    acknowledge(
      route,
      'AwsSolutions-APIG4',
      isDefault
        ? 'The $default route only answers 404/405 in the API error shape for requests no route matches; it reads no data.'
        : trigger.auth === 'none'
          ? `${routeKey.key} is public by design in the app manifest (auth: 'none'); it returns no personal data and is throttled with the rest of the stage.`
          : `${routeKey.key} requires a JWT, verified by the handler against the configured issuer (no API Gateway authorizer, so that a refused token gets the API error shape).`,
    );
    return route;
  }
}
