/**
 * The local HTTP host: serves the built renderer and the contract's channels on 127.0.0.1 only, for
 * use where the Electron runtime is missing and by the browser tests. Every API call must carry the
 * per-session token (Authorization: Bearer …); Host and Origin are checked against the bound address
 * so that other web pages and DNS-rebinding tricks cannot reach the API.
 */
import { constants } from 'node:buffer';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { InputError } from '../../shared/errors';
import { MAX_UPLOAD_BYTES, type Handlers } from '../../shared/ipc/contract';
import { dispatch } from '../ipc/dispatch';
import { MAX_IMPORT_BYTES } from '../services/import/read_file_sources';
import { toReplyError } from '../services/reply_error';
import { CONTENT_SECURITY_POLICY } from '../content_security_policy';

/**
 * Largest accepted request body. Imports arrive as base64 in JSON (4/3 of the files' size), and the
 * body becomes one string, which V8 caps at buffer.constants.MAX_STRING_LENGTH (2^29 − 24 characters):
 * the limit is the base64 of MAX_UPLOAD_BYTES plus room for the rest of the request, below that cap.
 * Files opened by path (desktop app, CLI) have the larger import limit, MAX_IMPORT_BYTES of
 * services/import/read_file_sources.ts.
 */
export const MAX_BODY_BYTES = Math.min(constants.MAX_STRING_LENGTH, Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4 * 1024 * 1024);

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export async function startHttpHost(options: {
  handlers: Handlers;
  staticDir: string;
  port?: number;
  token?: string;
  /** Request body limit in bytes (tests use a small one); default MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  /** The Content-Security-Policy of each page, asked per request (it follows the project's basemap); default offline. */
  contentSecurityPolicy?: () => string;
}): Promise<HttpHost> {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const policy = options.contentSecurityPolicy ?? (() => CONTENT_SECURITY_POLICY);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticDir = resolve(options.staticDir);
  let port = 0;
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) send(response, 500, 'text/plain', 'internal error');
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(response, 421, 'text/plain', 'wrong host');
    const url = new URL(request.url ?? '/', `http://${host}`);
    const pathname = decodePath(url.pathname);
    if (pathname === null) return send(response, 400, 'text/plain', 'malformed percent-escape in the path');
    if (url.pathname.startsWith('/api/')) {
      const origin = request.headers.origin;
      if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
        return send(response, 403, 'text/plain', 'cross-origin requests are refused');
      }
      if (request.method !== 'POST') return send(response, 405, 'text/plain', 'POST only');
      if (!checkToken(request.headers.authorization, token)) return send(response, 401, 'text/plain', 'missing or wrong session token');
      const channel = pathname.slice('/api/'.length);
      let input: unknown;
      try {
        const body = await readBody(request, maxBodyBytes);
        if (body === null) return refuseLargeBody(response, maxBodyBytes);
        input = body.length ? JSON.parse(body) : {};
      } catch (error) {
        return sendJson(response, { ok: false, error: toReplyError(new InputError(`request body: ${(error as Error).message}`)) });
      }
      const reply = await dispatch(options.handlers, channel, input);
      // A binary value (the project snapshot) goes as it is; errors, like every other reply, as JSON.
      if (reply.ok && reply.value instanceof Uint8Array) return sendBytes(response, reply.value);
      return sendJson(response, reply);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'method not allowed');
    return serveStatic(staticDir, pathname, response, policy());
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

function checkToken(header: string | undefined, token: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The body as text, or null when it is larger than `limit` bytes (the rest is then not read). */
function readBody(request: IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve(null);
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        request.removeAllListeners('data');
        request.pause();
        resolveBody(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * 413 with a contract reply naming both limits; the connection is closed after it, so the client
 * stops sending the rest of the body.
 */
function refuseLargeBody(response: ServerResponse, limit: number): void {
  const mb = (bytes: number) => (bytes >= 1048576 ? `${Math.floor(bytes / 1048576)} MB` : `${bytes} bytes`);
  const message =
    `the request is larger than ${mb(limit)}: files uploaded through the browser may be at most ${mb(MAX_UPLOAD_BYTES)} together ` +
    `(larger ones, up to ${mb(MAX_IMPORT_BYTES)}: open them by path in the desktop app or with \`siting import\`)`;
  response.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', Connection: 'close', 'X-Content-Type-Options': 'nosniff' });
  const error = toReplyError(new InputError(message, {}, { reason: 'request_too_large', params: { limit: Math.floor(MAX_UPLOAD_BYTES / 1048576) } }));
  response.end(JSON.stringify({ ok: false, error }), () => response.socket?.destroy());
}

/** The path with its percent-escapes decoded, or null when one is malformed ("/%", "/%E0%A4%A"). */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/** Serves `pathname` (already decoded) from `root`; an HTML page with the policy `csp`. */
function serveStatic(root: string, pathname: string, response: ServerResponse, csp: string): void {
  const relative = normalize(pathname).replace(/^([/\\])+/, '');
  let file = join(root, relative || 'index.html');
  if (!file.startsWith(root + sep) && file !== root) return send(response, 403, 'text/plain', 'forbidden');
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(file)) return send(response, 404, 'text/plain', 'not found');
    file = join(root, 'index.html');
    if (!existsSync(file)) return send(response, 503, 'text/plain', 'renderer not built: run `npm run build` (vite build) first');
  }
  const headers: Record<string, string> = {
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
    'Referrer-Policy': 'no-referrer',
  };
  if (extname(file).toLowerCase() === '.html') headers['Content-Security-Policy'] = csp;
  response.writeHead(200, headers);
  createReadStream(file).pipe(response);
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' });
  response.end(body);
}

function sendBytes(response: ServerResponse, bytes: Uint8Array): void {
  response.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Length': String(bytes.byteLength),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(bytes);
}

function sendJson(response: ServerResponse, body: unknown): void {
  response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  response.end(JSON.stringify(body));
}
