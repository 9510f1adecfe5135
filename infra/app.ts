// CDK app entry (`cdk synth` runs `node infra/app.ts`). Environment-agnostic unless context
// `region` pins the region (China regions need it, see infra/README.md); never an account or a
// lookup, so synthesis works offline. Settings come from context (see infra/README.md).
import { App, Tags } from 'aws-cdk-lib';
import { appManifest } from '#shared/manifest/app-manifest.ts';
import { readDeployConfig } from './config.ts';
import { applyNagChecks } from './nag.ts';
import { SERVICE_NAME, XuejiStack } from './stacks/xueji-stack.ts';

const app = new App();
const config = readDeployConfig(app.node);

const stack = new XuejiStack(app, `Xueji-${config.stage}`, {
  manifest: appManifest,
  config,
  env: config.region !== undefined ? { region: config.region } : undefined,
  description: `学籍管理系统 (${SERVICE_NAME}) ${config.stage}: API, handlers and student-record data`,
});
Tags.of(stack).add('app', SERVICE_NAME);
Tags.of(stack).add('stage', config.stage);

applyNagChecks(app);
app.synth();
