// Who issues the callers' tokens. Any OIDC issuer from context by default (the China regions may
// lack Cognito user pools); with context `cognito=true`, a Cognito user pool and web client are
// created here and become the issuer. Handlers receive the result as AUTH_* variables.
import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { PLACEHOLDER_ISSUER, type DeployConfig } from '../config.ts';
import { acknowledge } from '../nag.ts';

export interface AuthSettings {
  issuer: string;
  audience: string;
  jwksUrl: string;
}

export class ApiAuth extends Construct {
  readonly settings: AuthSettings;
  readonly userPool: cognito.UserPool | undefined;
  readonly webClient: cognito.UserPoolClient | undefined;

  constructor(scope: Construct, id: string, config: DeployConfig) {
    super(scope, id);
    if (!config.cognito) {
      if (config.authIssuer === PLACEHOLDER_ISSUER) {
        Annotations.of(this).addWarningV2(
          'xueji:placeholder-issuer',
          `No authIssuer in context: using ${PLACEHOLDER_ISSUER}, so every authenticated request ` +
            'is rejected. Deploy with -c authIssuer=... -c authAudience=... or -c cognito=true.',
        );
      }
      this.settings = { issuer: config.authIssuer, audience: config.authAudience, jwksUrl: config.authJwksUrl };
      this.userPool = undefined;
      this.webClient = undefined;
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

    const webClient = userPool.addClient('WebClient', {
      // A browser app cannot keep a secret; it signs in with SRP. No hosted UI, so no OAuth flows.
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });

    const stack = Stack.of(this);
    const issuer = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${userPool.userPoolId}`;
    this.settings = { issuer, audience: webClient.userPoolClientId, jwksUrl: `${issuer}/.well-known/jwks.json` };
    this.userPool = userPool;
    this.webClient = webClient;
  }
}
