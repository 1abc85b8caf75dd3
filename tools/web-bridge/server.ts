import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, relative } from 'node:path';
import type { RpcResult } from '../../src/shared/errors';

/** Same policy as the app, except that the page may call its own origin's /rpc. */
const BRIDGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

const MAX_BODY = 5 * 1024 * 1024;

export interface BridgeOptions {
  rendererDir: string;
  port: number;
  call: (method: string, input: unknown) => Promise<RpcResult<unknown>>;
}

export interface Bridge {
  server: Server;
  token: string;
  url: string;
  /** Pushes a core event to every page listening on /events. */
  broadcast(event: string, payload?: unknown): void;
  close(): Promise<void>;
}

/**
 * The loopback test bridge: the built renderer plus POST /rpc, for
 * development and Playwright only. Never part of the packaged app.
 */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(32).toString('base64url');
  const clients = new Set<ServerResponse>();
  let origins: string[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only loopback names: a page on another name that resolves to 127.0.0.1 (DNS rebinding) gets nothing.
    if (!hostAllowed(req)) return end(res, 421);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/rpc') return handleRpc(req, res);
    if (url.pathname === '/events') return handleEvents(req, res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return end(res, 405);
    return serveFile(res, url.pathname);
  }

  function hostAllowed(req: IncomingMessage): boolean {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    return host === '127.0.0.1' || host === 'localhost';
  }

  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || origins.includes(origin);
  }

  function tokenMatches(candidate: string | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return end(res, 405);
    if (!originAllowed(req)) return end(res, 403);
    const auth = req.headers.authorization ?? '';
    if (!tokenMatches(auth.startsWith('Bearer ') ? auth.slice(7) : undefined)) return end(res, 401);
    const body = await readBody(req);
    if (body === null) return end(res, 413);
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      return end(res, 400);
    }
    const { method, input } = (request ?? {}) as { method?: unknown; input?: unknown };
    if (typeof method !== 'string') return end(res, 400);
    const result = await options.call(method, input);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(result));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!originAllowed(req)) return end(res, 403);
    if (!tokenMatches(url.searchParams.get('token') ?? undefined)) return end(res, 401);
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  }

  function serveFile(res: ServerResponse, pathname: string): void {
    const file = normalize(join(options.rendererDir, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    const rel = relative(options.rendererDir, file);
    if (rel.startsWith('..') || !existsSync(file) || !statSync(file).isFile()) return end(res, 404);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': BRIDGE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];

  return {
    server,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    broadcast(event, payload) {
      const data = `data: ${JSON.stringify({ event, payload })}\n\n`;
      clients.forEach((client) => client.write(data));
    },
    close: () =>
      new Promise((resolve) => {
        clients.forEach((client) => client.end());
        server.close(() => resolve());
        // Keep-alive and event-stream connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}

function end(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'Content-Type': 'text/plain' });
  res.end();
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
