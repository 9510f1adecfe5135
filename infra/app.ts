// CDK app entry (`cdk synth` runs `node infra/app.ts`). Environment-agnostic: no account or region
// lookups, so synthesis works offline; settings come from context (see infra/README.md).
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
  description: `学籍管理系统 (${SERVICE_NAME}) ${config.stage}: API, handlers and student-record data`,
});
Tags.of(stack).add('app', SERVICE_NAME);
Tags.of(stack).add('stage', config.stage);

applyNagChecks(app);
app.synth();
