// Test fixtures for the auth tests: temp dirs, credential-helper scripts, and a stand-in ECR API.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temp directory and a function removing it. */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-auth-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes an executable `docker-credential-NAME` shell script into `binDir`. */
export async function writeHelperScript(binDir: string, name: string, body: string): Promise<string> {
  await mkdir(binDir, { recursive: true });
  const path = join(binDir, `docker-credential-${name}`);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

/**
 * A working helper keeping credentials as files in `$HELPER_STATE` (one per server URL) and logging
 * each call as `ACTION SERVERURL` in `$HELPER_STATE/calls`.
 */
export const FILE_STORE_HELPER = `
state="\${HELPER_STATE:?HELPER_STATE is not set}"
action="$1"
input=$(cat)
key() { printf '%s' "$1" | sed 's#[^A-Za-z0-9.-]#_#g'; }
case "$action" in
  get)
    echo "get $input" >> "$state/calls"
    file="$state/cred-$(key "$input")"
    if [ -f "$file" ]; then cat "$file"; else echo "credentials not found in native keychain"; exit 1; fi ;;
  store)
    server=$(printf '%s' "$input" | sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p')
    echo "store $server" >> "$state/calls"
    printf '%s' "$input" > "$state/cred-$(key "$server")" ;;
  erase)
    echo "erase $input" >> "$state/calls"
    file="$state/cred-$(key "$input")"
    if [ -f "$file" ]; then rm "$file"; else echo "credentials not found in native keychain"; exit 1; fi ;;
  list)
    echo "list" >> "$state/calls"
    out="{"; sep=""
    for file in "$state"/cred-*; do
      [ -f "$file" ] || continue
      server=$(sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p' "$file")
      user=$(sed -n 's/.*"Username":"\\([^"]*\\)".*/\\1/p' "$file")
      out="$out$sep\\"$server\\":\\"$user\\""; sep=","
    done
    echo "$out}" ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
`;

/** One request the stand-in ECR API saw. */
export interface SeenEcrRequest {
  readonly target: string;
  readonly accessKeyId: string;
  /** The region of the SigV4 credential scope. */
  readonly region: string;
  readonly service: string;
}

/** What the stand-in answers: a status and a JSON body. */
export interface StandInAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A local HTTP server speaking the ECR JSON protocol for `GetAuthorizationToken`. */
export interface EcrStandIn {
  readonly endpoint: string;
  readonly seen: SeenEcrRequest[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The usual successful answer: a token `AWS:password` expiring at `expiresAt` (epoch ms). */
export function tokenAnswer(
  password: string,
  expiresAt: number,
  proxyEndpoint = 'https://example',
): StandInAnswer {
  return {
    status: 200,
    body: {
      authorizationData: [
        {
          authorizationToken: Buffer.from(`AWS:${password}`).toString('base64'),
          expiresAt: expiresAt / 1000,
          proxyEndpoint,
        },
      ],
    },
  };
}

/** Starts the stand-in on 127.0.0.1; `answer` decides each reply from the parsed request. */
export async function startEcrStandIn(
  answer: (request: SeenEcrRequest, index: number) => StandInAnswer,
): Promise<EcrStandIn> {
  const seen: SeenEcrRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    await readBody(request);
    const authorization = request.headers.authorization ?? '';
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization);
    const seenRequest: SeenEcrRequest = {
      target: String(request.headers['x-amz-target'] ?? ''),
      accessKeyId: scope?.[1] ?? '',
      region: scope?.[2] ?? '',
      service: scope?.[3] ?? '',
    };
    seen.push(seenRequest);
    const reply = answer(seenRequest, seen.length - 1);
    response.writeHead(reply.status, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-requestid': `req-${seen.length}`,
    });
    response.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
