// Who issues the callers' tokens. Any OIDC issuer from context by default (the China regions may
// lack Cognito user pools); with context `cognito=true`, a Cognito user pool, its hosted sign-in
// domain and the web client are created here and become the issuer. Handlers receive the result as
// AUTH_* variables; the web app learns issuer and client from GET /v1/auth/config and signs in with
// the authorization code flow and PKCE, coming back to <origin>/auth/callback.
import { Annotations, Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PLACEHOLDER_ISSUER, type DeployConfig } from '../config.ts';
import { acknowledge } from '../nag.ts';

export interface AuthSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** The client the web app signs in with (AUTH_WEB_CLIENT_ID). */
  webClientId: string;
}

export interface ApiAuthProps {
  config: DeployConfig;
  /** Origins the web app is served from: its sign-in comes back to `<origin>/auth/callback`. */
  webOrigins: readonly string[];
}

/** Where the issuer sends the browser back after sign-in and after sign-out (web/src/auth/oidc.ts). */
export const CALLBACK_PATH = '/auth/callback';
export const SIGNED_OUT_PATH = '/login';

export class ApiAuth extends Construct {
  readonly settings: AuthSettings;
  readonly userPool: cognito.UserPool | undefined;
  readonly webClient: cognito.UserPoolClient | undefined;
  readonly domain: cognito.UserPoolDomain | undefined;

  constructor(scope: Construct, id: string, { config, webOrigins }: ApiAuthProps) {
    super(scope, id);
    if (!config.cognito) {
      if (config.authIssuer === PLACEHOLDER_ISSUER) {
        Annotations.of(this).addWarningV2(
          'xueji:placeholder-issuer',
          `No authIssuer in context: using ${PLACEHOLDER_ISSUER}, so every authenticated request ` +
            'is rejected. Deploy with -c authIssuer=... -c authAudience=... or -c cognito=true.',
        );
      }
      this.settings = {
        issuer: config.authIssuer,
        audience: config.authAudience,
        jwksUrl: config.authJwksUrl,
        webClientId: config.webClientId,
      };
      this.userPool = undefined;
      this.webClient = undefined;
      this.domain = undefined;
      return;
    }

    const userPool = new cognito.UserPool(this, 'UserPool', {
      // Accounts are created by administrators for the staff of each organisation.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Staff see personal data of whole schools and counties: a second factor is mandatory.
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      userPool,
      'AwsSolutions-COG8',
      'The Plus feature plan (threat protection) is billed per active user; each province decides ' +
        'whether to buy it. MFA is required for every user and tokens are verified in each handler.',
    );

    // The hosted sign-in pages (password, then the TOTP code) at
    // https://<prefix>.auth.<region>.amazoncognito.com; the prefix is unique per account and stage.
    const domain = userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: config.cognitoDomainPrefix ?? `xueji-${config.stage}-${Aws.ACCOUNT_ID}` },
    });

    // A browser app cannot keep a secret: a public client with the authorization code flow. The web
    // app sends a PKCE code challenge (oidc-client-ts always does) and Cognito then redeems the code
    // only with the matching verifier. SRP stays for scripts and SDK sign-in; it needs no redirect.
    // Without any web origin (a China region without webDomain) there is nowhere to come back to.
    const origins = [...new Set(webOrigins)];
    const webClient = userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      ...(origins.length > 0
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.PROFILE, cognito.OAuthScope.EMAIL],
              callbackUrls: origins.map((origin) => `${origin}${CALLBACK_PATH}`),
              logoutUrls: origins.map((origin) => `${origin}${SIGNED_OUT_PATH}`),
            },
            supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
          }
        : { disableOAuth: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });

    const stack = Stack.of(this);
    const issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`;
    this.settings = {
      issuer,
      audience: webClient.userPoolClientId,
      jwksUrl: `${issuer}/.well-known/jwks.json`,
      webClientId: webClient.userPoolClientId,
    };
    this.userPool = userPool;
    this.webClient = webClient;
    this.domain = domain;
  }
}
