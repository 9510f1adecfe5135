// What S3 checks and the emulator does not: the local stack's S3 endpoint is this small proxy in
// front of fauxqs, which stores objects but takes any request as it comes. Here, as S3 does:
// - a browser upload (POST of a form) must carry a valid policy signed with the stack's
//   credentials, unexpired, whose every condition holds (bucket, key, content type, the
//   content-length-range: a bigger file is refused with EntityTooLarge) and which covers every
//   field of the form;
// - a presigned request (GET download links, and the handlers' own presigned requests) must be
//   unexpired and carry the signature of exactly that request, as the SDK's own signer computes
//   it (the handlers sign without the SDK: shared/data/object-store.ts); a download link's
//   response-* parameters (Content-Disposition, Content-Type) are applied to the answer;
// - browser-upload buckets answer CORS for pages on this machine (CDK sets the web origins on the
//   deployed bucket), so the web app can POST and read the answer.
// Requests signed in their Authorization header (the SDK clients of the runtime and the tests) are
// passed on unchecked, and everything else unchanged.
import { createHash, createHmac, timingSafeEqual, type BinaryLike } from 'node:crypto';
import { Agent, createServer, request, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { emulatorClient, FORWARD_LIMIT, storeLargeForm, storeLargePut } from './large-form-upload.ts';

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: Data): BinaryLike => (typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));

/** The SDK signer's hash (SHA-256, or HMAC-SHA256 with a secret), on node:crypto. */
class Sha256 {
  readonly #hash;
  constructor(secret?: Data) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data): void {
    this.#hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset(): void {
    throw new Error('not resettable');
  }
}

export interface S3Front {
  /** Where clients and browsers reach S3 (path style). */
  address: string;
  stop(): Promise<void>;
}

interface Failure {
  status: number;
  code: string;
  message: string;
  extra?: Record<string, string | number>;
}

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;
/** The auth parameters of a presigned request, and the payload hash the signer adds itself. */
const AUTH_PARAMS = new Set(['x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-expires', 'x-amz-signedheaders', 'x-amz-signature', 'x-amz-security-token', 'x-amz-content-sha256']);
const RESPONSE_OVERRIDES = ['content-type', 'content-language', 'expires', 'cache-control', 'content-disposition', 'content-encoding'];
/** Fields S3 leaves out of the policy check. */
const UNCHECKED_FIELDS = new Set(['policy', 'x-amz-signature', 'file']);

/** The headers without how the body was framed: it is sent on in one piece, with its length. */
const withoutFraming = ({ 'transfer-encoding': _encoding, 'content-length': _length, ...rest }: IncomingMessage['headers']) => rest;
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const denied = (message: string, extra?: Failure['extra']): Failure => ({ status: 403, code: 'AccessDenied', message, ...(extra ? { extra } : {}) });

function parseAmzDate(value: string | null): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  return match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!)) : undefined;
}

export async function startS3Front(options: { target: string; port: number; credentials: { accessKeyId: string; secretAccessKey: string }; browserBuckets: readonly string[] }): Promise<S3Front> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });
  const { accessKeyId, secretAccessKey } = options.credentials;
  const emulator = emulatorClient(options.target, options.credentials);

  /** The credential scope of a request signed with the stack's key, or why not. */
  function scopeOf(credential: string | null | undefined): { day: string; region: string } | Failure {
    const [key, day, region, service, terminal] = (credential ?? '').split('/');
    if (key !== accessKeyId) return denied('The AWS Access Key Id you provided does not exist in our records.');
    if (!day || !region || service !== 's3' || terminal !== 'aws4_request') return { status: 400, code: 'AuthorizationQueryParametersError', message: 'Error parsing the X-Amz-Credential parameter' };
    return { day, region };
  }

  async function checkPostForm(bucket: string, body: Buffer, contentType: string): Promise<Failure | undefined> {
    const form = await new Request('http://s3.local/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
    const fields = new Map<string, string>();
    let file: { size: number } | undefined;
    for (const [name, value] of form) {
      // The file is the form's last part: S3 ignores what follows it.
      if (name.toLowerCase() === 'file') {
        file = typeof value === 'string' ? { size: Buffer.byteLength(value) } : value;
        break;
      }
      if (typeof value === 'string') fields.set(name.toLowerCase(), value);
    }
    if (!file) return { status: 400, code: 'InvalidArgument', message: 'POST requires exactly one file upload per request.' };
    const policy = fields.get('policy');
    if (!policy) return denied('Bucket POST must contain a field named \'Policy\'. If it is specified, please check the order of the fields.');
    const scope = scopeOf(fields.get('x-amz-credential'));
    if ('status' in scope) return scope;
    const signingKey = [scope.day, scope.region, 's3', 'aws4_request'].reduce<Buffer | string>((secret, part) => createHmac('sha256', secret).update(part).digest(), `AWS4${secretAccessKey}`);
    if (!equal(createHmac('sha256', signingKey).update(policy).digest('hex'), fields.get('x-amz-signature') ?? '')) {
      return denied('The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    }
    const document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8')) as { expiration: string; conditions: unknown[] };
    if (!(Date.parse(document.expiration) > Date.now())) return denied('Invalid according to Policy: Policy expired.');
    const valueOf = (name: string) => (name === 'bucket' ? bucket : fields.get(name));
    const covered = new Set<string>();
    let range: [number, number] | undefined;
    for (const condition of document.conditions) {
      const failed = denied(`Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`);
      if (Array.isArray(condition)) {
        const [operator, subject, operand] = condition as [string, unknown, unknown];
        if (operator === 'content-length-range') {
          range = [Number(subject), Number(operand)];
          continue;
        }
        const name = String(subject).replace(/^\$/, '').toLowerCase();
        covered.add(name);
        const value = valueOf(name) ?? '';
        if (operator === 'eq' ? value !== operand : operator === 'starts-with' ? !value.startsWith(String(operand)) : true) return failed;
      } else {
        for (const [name, expected] of Object.entries(condition as Record<string, unknown>)) {
          covered.add(name.toLowerCase());
          if (valueOf(name.toLowerCase()) !== expected) return failed;
        }
      }
    }
    const extra = [...fields.keys()].filter((name) => !UNCHECKED_FIELDS.has(name) && !name.startsWith('x-ignore-') && !covered.has(name));
    if (extra.length > 0) return denied(`Invalid according to Policy: Extra input fields: ${extra.join(', ')}`);
    if (range && file.size > range[1]) return { status: 400, code: 'EntityTooLarge', message: 'Your proposed upload exceeds the maximum allowed size', extra: { ProposedSize: file.size, MaxSizeAllowed: range[1] } };
    if (range && file.size < range[0]) return { status: 400, code: 'EntityTooSmall', message: 'Your proposed upload is smaller than the minimum allowed size', extra: { ProposedSize: file.size, MinSizeAllowed: range[0] } };
    return undefined;
  }

  /** A request signed in its query: unexpired, and its signature that of exactly this request. */
  async function checkPresigned(req: IncomingMessage, url: URL): Promise<Failure | undefined> {
    const params = new Map([...url.searchParams].map(([name, value]) => [name.toLowerCase(), value]));
    const signedAt = parseAmzDate(params.get('x-amz-date') ?? null);
    const expires = Number(params.get('x-amz-expires'));
    if (!signedAt || !Number.isInteger(expires)) return { status: 400, code: 'AuthorizationQueryParametersError', message: 'X-Amz-Date and X-Amz-Expires must be given' };
    if (Date.now() > signedAt.getTime() + expires * 1000) return denied('Request has expired', { 'X-Amz-Expires': expires, Expires: new Date(signedAt.getTime() + expires * 1000).toISOString(), ServerTime: new Date().toISOString() });
    const scope = scopeOf(params.get('x-amz-credential'));
    if ('status' in scope) return scope;
    const signedHeaders = (params.get('x-amz-signedheaders') ?? 'host').split(';');
    const [hostname, port] = (req.headers.host ?? '').split(':');
    const query = Object.fromEntries([...url.searchParams].filter(([name]) => !AUTH_PARAMS.has(name.toLowerCase())));
    const headers = Object.fromEntries(signedHeaders.filter((name) => name !== 'host').map((name) => [name, String(req.headers[name] ?? '')]));
    const presigner = new S3RequestPresigner({ region: scope.region, credentials: { accessKeyId, secretAccessKey, ...(params.has('x-amz-security-token') ? { sessionToken: params.get('x-amz-security-token')! } : {}) }, sha256: Sha256 });
    const again = await presigner.presign(
      { method: req.method ?? 'GET', protocol: 'http:', hostname: hostname ?? '', ...(port ? { port: Number(port) } : {}), path: url.pathname, query, headers },
      // Every header the request says it signed (S3 goes by X-Amz-SignedHeaders: a Content-Type included is checked).
      { signingDate: signedAt, expiresIn: expires, unhoistableHeaders: new Set(Object.keys(headers)), signableHeaders: new Set(Object.keys(headers)) },
    );
    if (!equal(String(again.query?.['X-Amz-Signature'] ?? ''), params.get('x-amz-signature') ?? '')) {
      return denied('The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    }
    return undefined;
  }

  function fail(res: ServerResponse, failure: Failure, cors: Record<string, string>): void {
    const extra = Object.entries(failure.extra ?? {}).map(([name, value]) => `<${name}>${xml(String(value))}</${name}>`).join('');
    res.writeHead(failure.status, { 'content-type': 'application/xml', ...cors });
    res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${failure.code}</Code><Message>${xml(failure.message)}</Message>${extra}<RequestId>local</RequestId></Error>`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://s3.local');
    const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
    const origin = req.headers.origin;
    const browser = typeof origin === 'string' && LOOPBACK_ORIGIN.test(origin) && options.browserBuckets.includes(bucket);
    const cors: Record<string, string> = browser ? { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'ETag', vary: 'Origin' } : {};
    if (req.method === 'OPTIONS') {
      const method = req.headers['access-control-request-method'];
      if (!browser || !['GET', 'PUT', 'POST'].includes(String(method))) return fail(res, denied('CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource\'s CORS spec.'), {});
      res.writeHead(200, { ...cors, 'access-control-allow-methods': 'GET, PUT, POST', 'access-control-max-age': '3600', ...(req.headers['access-control-request-headers'] ? { 'access-control-allow-headers': req.headers['access-control-request-headers'] } : {}) });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const contentType = req.headers['content-type'] ?? '';
    const isForm = req.method === 'POST' && /^\/[^/]+\/?$/.test(url.pathname) && contentType.toLowerCase().startsWith('multipart/form-data');
    const failure = isForm ? await checkPostForm(bucket, body, contentType) : url.searchParams.has('X-Amz-Signature') ? await checkPresigned(req, url) : undefined;
    if (failure) return fail(res, failure, cors);
    if (isForm && body.length > FORWARD_LIMIT) {
      await storeLargeForm(emulator, bucket, body, contentType);
      res.writeHead(204, cors);
      res.end();
      return;
    }
    const key = decodeURIComponent(url.pathname.split('/').slice(2).join('/'));
    if (req.method === 'PUT' && key && !url.searchParams.has('uploadId') && !req.headers['x-amz-copy-source'] && body.length > FORWARD_LIMIT) {
      await storeLargePut(emulator, bucket, key, body, { contentType: req.headers['content-type'], contentDisposition: req.headers['content-disposition'] });
      res.writeHead(200, cors);
      res.end();
      return;
    }

    const overrides = Object.fromEntries(RESPONSE_OVERRIDES.flatMap((header) => (url.searchParams.has(`response-${header}`) ? [[header, url.searchParams.get(`response-${header}`)!]] : [])));
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...withoutFraming(req.headers), 'content-length': String(body.length) }, agent });
    // After the answer has begun, a failure can only cut it off.
    upstream.once('error', (error) => (res.headersSent ? res.destroy() : fail(res, { status: 500, code: 'InternalError', message: error.message }, cors)));
    upstream.once('response', (answer) => {
      const headers: OutgoingHttpHeaders = { ...answer.headers, ...cors };
      const served = (req.method === 'GET' || req.method === 'HEAD') && (answer.statusCode === 200 || answer.statusCode === 206);
      if (served) Object.assign(headers, overrides);
      res.writeHead(answer.statusCode ?? 500, headers);
      answer.pipe(res);
    });
    upstream.end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else fail(res, { status: 400, code: 'MalformedPOSTRequest', message: error instanceof Error ? error.message : String(error) }, {});
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    address: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
        emulator.destroy();
      }),
  };
}
