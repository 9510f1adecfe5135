// The web app, locally: built by Vite into web/dist when it is missing or older than its sources,
// and served by the local gateway at `/` (same origin as /v1, as CloudFront does when deployed):
// files by path, hashed assets cached for good, every other page path answered with index.html,
// where the app's router takes over.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'web', 'dist');
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/public', 'shared/api', 'shared/domain', 'shared/http/contract.ts'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** What the deployed distribution sends too (infra/constructs/web-hosting.ts keeps them alike). */
export const WEB_SECURITY_HEADERS: Record<string, string> = {
  // antd writes its styles at run time, hence 'unsafe-inline' for styles only.
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' https:; frame-src 'self' https:; frame-ancestors 'none'; base-uri 'self'; form-action 'self' https:; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * The headers the local gateway serves the app with. With an issuer of its own (OIDC_ISSUER), the
 * page fetches the issuer's discovery document and token endpoint itself; the policy above allows
 * any https origin, but an issuer on this machine is often plain http, so its origin is added. So
 * is the local S3 endpoint's (`storage`), where the page uploads files straight to the bucket (a
 * form POST, or fetch), as it does to the https bucket when deployed.
 */
export function webSecurityHeaders(issuer?: string, storage?: string): Record<string, string> {
  if (!issuer && !storage) return WEB_SECURITY_HEADERS;
  let csp = WEB_SECURITY_HEADERS['content-security-policy']!;
  const allow = (directive: string, origin: string) => (csp = csp.replace(new RegExp(`${directive} ([^;]*)`), `${directive} $1 ${origin}`));
  if (issuer) allow('connect-src', new URL(issuer).origin);
  if (storage) for (const directive of ['connect-src', 'form-action']) allow(directive, new URL(storage).origin);
  return { ...WEB_SECURITY_HEADERS, 'content-security-policy': csp };
}

function newest(path: string): number {
  const full = join(ROOT, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(full).map((name) => newest(join(path, name))));
}

/** Builds the web app when web/dist is missing or older than its sources. */
export async function ensureWebBuild(): Promise<void> {
  const index = join(DIST, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...SOURCES.map(newest))) return;
  console.warn('正在构建网页 (web/dist)…');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  console.warn(`网页构建完成，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
}

/** Serves the app for GET and HEAD of any path outside the API; true when it answered. */
export function serveWebApp(request: IncomingMessage, response: ServerResponse, securityHeaders = WEB_SECURITY_HEADERS): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = decodeURIComponentSafe((request.url ?? '/').split('?')[0] ?? '/');
  // /.well-known/: the exchange document (GET /.well-known/xueji-exchange) is a route of the API.
  if (path === undefined || path.startsWith('/v1/') || path === '/v1' || path.startsWith('/local/') || path.startsWith('/.well-known/')) return false;
  if (!existsSync(join(DIST, 'index.html'))) return false;
  const file = normalize(join(DIST, path));
  const inside = file.startsWith(`${DIST}/`);
  const asset = inside && existsSync(file) && statSync(file).isFile();
  const served = asset ? file : join(DIST, 'index.html');
  const html = served.endsWith('.html');
  response.writeHead(200, {
    'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
    'cache-control': html ? 'no-cache' : path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
    ...securityHeaders,
  });
  response.end(request.method === 'HEAD' ? undefined : readFileSync(served));
  return true;
}

function decodeURIComponentSafe(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
