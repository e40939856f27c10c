import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { serveTagPage } from './tag-pagination';

/** What the proxy does to a matching request instead of (or while) forwarding it. */
export type Fault =
  /** Resets the client's connection once `afterBytes` of the request body arrived (default 1; at once without a body). */
  | { readonly kind: 'reset'; readonly afterBytes?: number }
  /** Never answers. */
  | { readonly kind: 'stall' }
  /** Answers with this status (and a distribution error body) after reading the request. */
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter?: string }
  /** Forwards, but passes only `keepBytes` of the response body, then closes the connection (or, `clean`, ends a chunked body early). */
  | { readonly kind: 'truncate'; readonly keepBytes?: number; readonly clean?: boolean }
  /** Forwards, sends the headers and `keepBytes` of the body, then stops sending without closing. */
  | { readonly kind: 'stall-body'; readonly keepBytes?: number }
  /** Answers 307 to `location` + the request's path and query. */
  | { readonly kind: 'redirect'; readonly location: string };

/** When to apply a fault: the `nth` (1-based) request matching method and path, and the `times - 1` after it. */
export interface FaultRule {
  readonly method?: string;
  /** A substring or pattern of the request's path and query. */
  readonly path?: string | RegExp;
  readonly nth?: number;
  readonly times?: number;
  readonly fault: Fault;
}

/** A request the proxy saw. */
export interface ProxiedRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization: boolean;
  readonly fault: Fault['kind'] | undefined;
}

/** A loopback HTTP proxy in front of a registry that misbehaves on demand. */
export interface FaultProxy {
  /** `127.0.0.1:PORT`, the registry host clients use. */
  readonly host: string;
  readonly requests: ProxiedRequest[];
  inject(rule: FaultRule): void;
  /** Forgets the rules and the recorded requests. */
  reset(): void;
  stop(): Promise<void>;
}

/** Options of `startFaultProxy`. */
export interface FaultProxyOptions {
  /** The registry to forward to: `http://127.0.0.1:PORT`. */
  readonly upstream: string;
  /** Serve `tags/list?n=` with `n`/`last` pagination and `Link` headers (distribution 2.8 ignores `n`). */
  readonly paginateTags?: boolean;
}

interface ActiveRule extends FaultRule {
  seen: number;
}

const TAGS_LIST = /^\/v2\/(.+)\/tags\/list(?:\?|$)/;

function matches(rule: FaultRule, req: IncomingMessage): boolean {
  const path = req.url ?? '';
  if (rule.method && rule.method !== req.method) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === 'string' ? path.includes(rule.path) : rule.path.test(path);
}

/** Starts the proxy on a free loopback port. It keeps the client's `Host`, so registry `Location`s point at it. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  let rules: ActiveRule[] = [];
  const requests: ProxiedRequest[] = [];

  function pickFault(req: IncomingMessage): Fault | undefined {
    let picked: Fault | undefined;
    for (const rule of rules) {
      if (!matches(rule, req)) continue;
      rule.seen++;
      const nth = rule.nth ?? 1;
      if (picked === undefined && rule.seen >= nth && rule.seen < nth + (rule.times ?? 1))
        picked = rule.fault;
    }
    return picked;
  }

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    onResponse?: (up: IncomingMessage) => void,
  ): void {
    const up = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent: false,
      },
      (upRes) => {
        if (onResponse) return onResponse(upRes);
        res.writeHead(upRes.statusCode ?? 502, upRes.rawHeaders);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  }

  function respond(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  }

  function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
    switch (fault.kind) {
      case 'reset': {
        const after = fault.afterBytes ?? 1;
        let received = 0;
        const reset = () => {
          req.socket.resetAndDestroy();
        };
        if (after <= 0) {
          reset();
          return;
        }
        req.on('data', (chunk: Buffer) => {
          received += chunk.byteLength;
          if (received >= after) reset();
        });
        req.on('end', reset);
        return;
      }
      case 'stall':
        req.resume();
        return;
      case 'status': {
        req.resume();
        req.on('end', () => {
          const code = fault.status === 429 ? 'TOOMANYREQUESTS' : 'UNKNOWN';
          const body = JSON.stringify({ errors: [{ code, message: `injected HTTP ${fault.status}` }] });
          respond(res, fault.status, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}, body);
        });
        return;
      }
      case 'redirect':
        req.resume();
        res.writeHead(307, {
          location: new URL(req.url ?? '/', fault.location).toString(),
          'content-length': '0',
        });
        res.end();
        return;
      case 'truncate':
      case 'stall-body':
        forward(req, res, (up) => {
          const keep = fault.keepBytes ?? 1;
          const clean = fault.kind === 'truncate' && fault.clean;
          const headers = { ...up.headers };
          if (clean) delete headers['content-length'];
          res.writeHead(up.statusCode ?? 502, headers);
          let sent = 0;
          up.on('data', (chunk: Buffer) => {
            if (sent >= keep) return;
            const part = chunk.subarray(0, keep - sent);
            sent += part.byteLength;
            if (sent < keep) {
              res.write(part);
              return;
            }
            up.destroy();
            // Once the bytes are out, close the connection short (FIN, so the client reads what was sent).
            res.write(part, () => {
              if (fault.kind === 'stall-body') return;
              if (clean) res.end();
              else res.socket?.destroy();
            });
          });
        });
    }
  }

  const server: Server = createServer((req, res) => {
    const fault = pickFault(req);
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization !== undefined,
      fault: fault?.kind,
    });
    if (fault) return applyFault(fault, req, res);
    const tags = options.paginateTags && req.method === 'GET' ? TAGS_LIST.exec(req.url ?? '') : null;
    const query = new URL(req.url ?? '/', 'http://proxy.invalid').searchParams;
    const n = Number(query.get('n'));
    if (tags?.[1] && n > 0)
      return serveTagPage(upstream, req, res, { name: tags[1], n, last: query.get('last') });
    forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    inject: (rule) => {
      rules.push({ ...rule, seen: 0 });
    },
    reset: () => {
      rules = [];
      requests.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
