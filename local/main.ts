// `npm start`: the whole system on this machine. PORT, DATA_DIR and RESET (or --reset) are
// read from the environment so several copies (and the tests) can run side by side; OIDC_ISSUER
// (with OIDC_CLIENT_ID, OIDC_AUDIENCE) signs users in with a real issuer instead of the demo users.
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AppManifest } from '#shared/manifest/types.ts';
import { startLocalRuntime } from './runtime.ts';
import { ensureWebBuild } from './web-app.ts';

const port = Number(process.env.PORT ?? 3000);
const dataDir = process.env.DATA_DIR ?? '.data';
const reset = process.argv.includes('--reset') || process.env.RESET === '1' || process.env.RESET === 'true';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT 无效: ${process.env.PORT}`);
  process.exit(2);
}

const issuer = process.env.OIDC_ISSUER || undefined;
const clientId = process.env.OIDC_CLIENT_ID || undefined;
if (issuer && !clientId) {
  console.error('设置了 OIDC_ISSUER 时须同时设置 OIDC_CLIENT_ID (网页端的 client_id) / OIDC_ISSUER needs OIDC_CLIENT_ID');
  process.exit(2);
}
const oidc = issuer && clientId ? { issuer, clientId, audience: process.env.OIDC_AUDIENCE || undefined } : undefined;

// Tests and benchmarks run the same runtime with extra fixture functions (MANIFEST_MODULE
// exports `manifest`); a normal start uses the app manifest.
const manifest = process.env.MANIFEST_MODULE
  ? ((await import(pathToFileURL(resolve(process.env.MANIFEST_MODULE)).href)) as { manifest: AppManifest }).manifest
  : undefined;

// SEED_STUDENTS: how many demo students a first start writes (tests use fewer, for speed).
const seedStudents = process.env.SEED_STUDENTS === undefined ? undefined : Number(process.env.SEED_STUDENTS);
// The web app is served at `/`; it is built first when missing or older than its sources.
await ensureWebBuild().catch((error: unknown) => {
  console.error(`网页构建失败: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const runtime = await startLocalRuntime({ port, dataDir, reset, manifest, seedStudents, oidc }).catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请用 PORT=其他端口 npm start / port ${port} is in use` : `启动失败: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
const stateFile = join(dataDir, 'runtime.json');
writeFileSync(stateFile, JSON.stringify({ url: runtime.url, endpoints: runtime.endpoints, pid: process.pid }, null, 2));

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n收到 ${signal}，正在停止…`);
  runtime
    .stop()
    .then(() => {
      rmSync(stateFile, { force: true });
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error('停止时出错:', error);
      process.exit(1);
    });
};
// Before the ready line: a stop signal sent as soon as it appears must still stop cleanly.
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

const signIn = oidc
  ? `登录 (how to log in): 由身份提供方 ${oidc.issuer} 登录 (client ${oidc.clientId})，
  令牌的 sub 须是本系统中已开通的账号 (演示账号为 local|<用户名>)。`
  : `登录 (how to log in):
  curl ${runtime.url}/v1/auth/dev-users
  TOKEN=$(curl -s -X POST -H 'content-type: application/json' -d '{"username":"registrar-th-shiyan"}' ${runtime.url}/v1/auth/dev-login | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
  curl -H "authorization: Bearer $TOKEN" ${runtime.url}/v1/me`;

console.log(`
学籍管理系统 · 本地模式 (local mode)
  网页:     ${runtime.url}/   (浏览器打开，${oidc ? '经身份提供方登录' : '选择演示账号登录'})
  API:      ${runtime.url}/v1/health
  OpenAPI:  ${runtime.url}/v1/openapi.json
  数据目录: ${dataDir}${reset ? ' (已清空 / reset)' : ''}${runtime.seeded?.seeded ? `\n  演示数据: 已写入 ${runtime.seeded.orgs} 个组织机构, ${runtime.seeded.users} 个演示账号, ${runtime.seeded.students} 名学生` : ''}

${signIn}

按 Ctrl-C 停止 (data is kept; npm start -- --reset wipes it).
Local stack ready at ${runtime.url}
`);
