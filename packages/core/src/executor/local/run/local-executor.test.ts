import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { copyImage, RegistryClient } from '@slipway/oci';
import { assembleImage, buildBusyboxImage } from '../../../../../oci/src/testing/image-builder';
import {
  dockerRegistrySkip,
  startTestRegistry,
  type TestRegistry,
} from '../../../../../oci/src/testing/registry';
import type { Template } from '../../../spec/model';
import { DirectoryArtifactStore } from '../artifacts/artifact-store';
import { ImageCache } from '../image/image-cache';
import { bwrapSkip, type PodRecord, runPod } from '../testing/fixtures';
import { DEADLINE_MESSAGE, LocalExecutor } from './local-executor';

const BUSYBOX = 'busybox:v1';
const sh = (script: string, extra: Partial<Template['container'] & object> = {}): Template => ({
  name: 't',
  container: { image: BUSYBOX, command: ['sh', '-c', script], ...extra },
});

describe('LocalExecutor with real sandboxes and a real registry', {
  skip: bwrapSkip() || dockerRegistrySkip(),
}, () => {
  let work: string;
  let registry: TestRegistry;
  let tool: string;
  let artifacts: DirectoryArtifactStore;
  let images: ImageCache;
  let executor: LocalExecutor;
  let http: Server;
  let httpUrl: string;

  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'slipway-local-executor-'));
    registry = await startTestRegistry('plain');
    const busybox = await buildBusyboxImage({
      extraFiles: {
        'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n',
        'etc/group': 'root:x:0:\napp:x:1000:\nstaff:x:50:\n',
      },
    });
    const toolImage = assembleImage(busybox.layers, {
      reference: 'slipway.test/tool:v1',
      config: {
        Entrypoint: ['/bin/echo', 'entry'],
        Cmd: ['cmd-arg'],
        Env: ['PATH=/bin', 'FROM_IMAGE=yes'],
        WorkingDir: '/srv',
        User: 'app',
      },
    });
    const client = new RegistryClient(registry.host, { insecure: true });
    await copyImage(busybox, [{ sink: client.repository('library/busybox'), tag: 'v1' }]);
    await copyImage(toolImage, [{ sink: client.repository('team/tool'), tag: 'v1' }]);
    tool = `${registry.host}/team/tool:v1`;
    images = new ImageCache({
      dir: join(work, 'images'),
      registry: { mirrors: { 'docker.io': registry.host }, insecure: [registry.host] },
    });
    artifacts = new DirectoryArtifactStore(join(work, 'artifacts'));
    executor = new LocalExecutor({
      workDir: join(work, 'pods'),
      images,
      artifacts,
      secrets: async (name) => (name === 'creds' ? { token: 's3cret', user: 'bot' } : undefined),
      configMaps: async (name) => (name === 'settings' ? { level: 'debug' } : undefined),
    });
    http = createServer((req, res) => {
      res.statusCode = req.url === '/missing' ? 404 : 200;
      res.end(
        req.url === '/file' ? 'downloaded\n' : `${req.method} ${req.url} ${req.headers['x-token'] ?? ''}`,
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  after(async () => {
    await executor?.close();
    http?.close();
    await registry?.stop();
    await rm(work, { recursive: true, force: true });
  });

  test('stdout streams to onLog and is the result; stderr is logged; the exit code is the command’s', async () => {
    const pod = await runPod(executor, sh('echo one; echo two; echo oops >&2; exit 3'));
    assert.equal(pod.exit.error, undefined);
    assert.equal(pod.started, true);
    assert.equal(pod.exit.exitCode, 3);
    assert.equal(pod.exit.result, 'one\ntwo');
    assert.equal(pod.stdout, 'one\ntwo\n');
    assert.equal(pod.stderr, 'oops\n');
  });

  test('command replaces ENTRYPOINT (and CMD), args replace CMD; $(VAR) expands', async () => {
    const [plain, args, command, expanded] = await Promise.all([
      runPod(executor, { name: 't', container: { image: tool } }),
      runPod(executor, { name: 't', container: { image: tool, args: ['x', 'y'] } }),
      runPod(executor, { name: 't', container: { image: tool, command: ['echo', 'own'] } }),
      runPod(executor, {
        name: 't',
        container: {
          image: tool,
          command: ['echo', 'hello $(WHO)', '$$(WHO)', '$(NOPE)'],
          env: [{ name: 'WHO', value: 'world' }],
        },
      }),
    ]);
    assert.equal(plain.exit.result, 'entry cmd-arg');
    assert.equal(args.exit.result, 'entry x y');
    assert.equal(command.exit.result, 'own');
    assert.equal(expanded.exit.result, 'hello world $(WHO) $(NOPE)');
  });

  test('environment: image Env, env values with $(VAR), secrets, config maps, fieldRef, envFrom', async () => {
    const pod = await runPod(executor, {
      name: 't',
      metadata: { labels: { team: 'ci' } },
      container: {
        image: tool,
        command: ['sh', '-c', 'env | sort'],
        env: [
          { name: 'DERIVED', value: 'image said $(FROM_IMAGE)' },
          { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } },
          { name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'settings', key: 'level' } } },
          { name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'TEAM', valueFrom: { fieldRef: { fieldPath: "metadata.labels['team']" } } },
          { name: 'OPT', valueFrom: { secretKeyRef: { name: 'nope', key: 'k', optional: true } } },
        ],
        envFrom: [{ secretRef: { name: 'creds' }, prefix: 'CREDS_' }],
      },
    });
    const env = new Set(pod.stdout.split('\n'));
    for (const line of [
      'FROM_IMAGE=yes',
      'DERIVED=image said yes',
      'TOKEN=s3cret',
      'LEVEL=debug',
      'TEAM=ci',
      'CREDS_user=bot',
      'HOME=/home/app',
      'PATH=/bin',
    ]) {
      assert.ok(env.has(line), `${line} in\n${pod.stdout}`);
    }
    assert.ok(env.has(`POD=${[...env].find((l) => l.startsWith('HOSTNAME='))?.slice(9)}`));
    assert.ok(![...env].some((l) => l.startsWith('OPT=')));
    const missing = await runPod(
      executor,
      sh('true', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'absent', key: 'k' } } }] }),
    );
    assert.match(missing.exit.error ?? '', /Secret `absent` does not exist/);
    assert.equal(missing.started, false);
  });

  test('working directory: the image’s, or the template’s (created when missing)', async () => {
    const [image, template] = await Promise.all([
      runPod(executor, { name: 't', container: { image: tool, command: ['pwd'] } }),
      runPod(executor, sh('pwd', { workingDir: '/work/here' })),
    ]);
    assert.equal(image.exit.result, '/srv');
    assert.equal(template.exit.result, '/work/here');
  });

  test('script templates run `command` (default sh) with the source file', async () => {
    const [plain, withCommand] = await Promise.all([
      runPod(executor, { name: 't', script: { image: BUSYBOX, source: 'echo $((6 * 7))\necho "$0"' } }),
      runPod(executor, {
        name: 't',
        script: { image: BUSYBOX, command: ['sh', '-e'], source: 'false\necho unreachable' },
      }),
    ]);
    assert.equal(plain.exit.result, '42\n/argo/staging/script');
    assert.equal(withCommand.exit.exitCode, 1);
    assert.equal(withCommand.stdout, '');
  });

  test('a script template without source runs its container as it is, with no script file', async () => {
    const run = await runPod(executor, {
      name: 't',
      script: { image: BUSYBOX, command: ['sh', '-c', 'echo "$#:$0"; test ! -e /argo/staging/script'] },
    });
    assert.equal(run.exit.exitCode, 0);
    assert.equal(run.exit.result, '0:sh');
  });

  test('users: the image USER by name, runAsUser/runAsGroup of the container or the pod', async () => {
    const [image, container, pod] = await Promise.all([
      runPod(executor, { name: 't', container: { image: tool, command: ['id'] } }),
      runPod(
        executor,
        sh('id -u; id -g; touch /tmp/mine && echo writable', {
          securityContext: { runAsUser: 1234, runAsGroup: 50 },
        }),
      ),
      runPod(executor, { ...sh('id -u'), securityContext: { runAsUser: 4321 } }),
    ]);
    assert.match(image.exit.result ?? '', /^uid=1000\(app\) gid=1000/);
    assert.equal(container.exit.result, '1234\n50\nwritable');
    assert.equal(pod.exit.result, '4321');
  });

  test('a volume is shared between two pods (subPath, readOnly)', async () => {
    const shared = join(work, 'volume');
    await mkdir(shared);
    const volumes = [{ name: 'shared', hostPath: shared }];
    const write = await runPod(
      executor,
      sh('echo first > /data/x && echo deep > /sub/y', {
        volumeMounts: [
          { name: 'shared', mountPath: '/data' },
          { name: 'shared', mountPath: '/sub', subPath: 'nested/dir' },
        ],
      }),
      { volumes },
    );
    assert.equal(write.exit.exitCode, 0, write.stderr);
    const read = await runPod(
      executor,
      sh('cat /data/x /data/nested/dir/y; echo no > /data/z || echo read-only', {
        volumeMounts: [{ name: 'shared', mountPath: '/data', readOnly: true }],
      }),
      { volumes },
    );
    assert.equal(read.exit.result, 'first\ndeep\nread-only');
    assert.equal(await readFile(join(shared, 'nested/dir/y'), 'utf8'), 'deep\n');
  });

  test('ConfigMap and Secret volumes hold their keys as read-only files; a missing one errors unless optional', async () => {
    const mounts = {
      volumeMounts: [
        { name: 'cfg', mountPath: '/cfg' },
        { name: 'creds', mountPath: '/creds' },
        { name: 'absent', mountPath: '/absent' },
      ],
    };
    const projected = await runPod(executor, {
      ...sh(
        'cat /cfg/level; echo; cat /creds/token.txt; echo; ls /creds; ls -A /absent | wc -l; touch /cfg/x || echo ro',
        mounts,
      ),
      volumes: [
        { name: 'cfg', configMap: { name: 'settings' } },
        { name: 'creds', secret: { secretName: 'creds', items: [{ key: 'token', path: 'token.txt' }] } },
        { name: 'absent', configMap: { name: 'nothing', optional: true } },
      ],
    });
    assert.equal(projected.exit.exitCode, 0, projected.stderr);
    assert.equal(projected.exit.result, 'debug\ns3cret\ntoken.txt\n0\nro');
    const missing = await runPod(executor, {
      ...sh('true', { volumeMounts: [{ name: 'gone', mountPath: '/gone' }] }),
      volumes: [{ name: 'gone', secret: { secretName: 'nothing' } }],
    });
    assert.match(missing.exit.error ?? '', /volume `gone`: Secret `nothing` does not exist/);
  });

  test('output parameters and artifacts are read from the stopped container', async () => {
    const hostSecret = join(work, 'host-only-secret');
    await writeFile(hostSecret, 'host data');
    const pod = await runPod(executor, {
      name: 't',
      container: {
        image: BUSYBOX,
        command: [
          'sh',
          '-c',
          `echo 42 > /tmp/answer; mkdir -p /out/d; echo a > /out/d/a; echo f > /out/f; ln -s ${hostSecret} /tmp/leak`,
        ],
      },
      outputs: {
        parameters: [
          { name: 'answer', valueFrom: { path: '/tmp/answer' } },
          { name: 'missing', valueFrom: { path: '/tmp/nothing', default: 'd' } },
          { name: 'leak', valueFrom: { path: '/tmp/leak' } },
        ],
        artifacts: [
          { name: 'dir', path: '/out/d' },
          { name: 'file', path: '/out/f' },
          { name: 'maybe', path: '/out/none', optional: true },
        ],
      },
    });
    assert.equal(pod.exit.error, undefined);
    assert.deepEqual(
      pod.exit.parameters,
      [{ name: 'answer', value: '42' }],
      'missing and host-escaping files are absent',
    );
    const stored = Object.fromEntries((pod.exit.artifacts ?? []).map((a) => [a.name, a.key!]));
    assert.deepEqual(Object.keys(stored).sort(), ['dir', 'file']);
    assert.equal(await readFile(join((await artifacts.get(stored.dir!))!, 'a'), 'utf8'), 'a\n');
    assert.equal(await readFile((await artifacts.get(stored.file!))!, 'utf8'), 'f\n');
    const required = await runPod(executor, {
      ...sh('true'),
      outputs: { artifacts: [{ name: 'x', path: '/out/x' }] },
    });
    assert.match(required.exit.error ?? '', /output artifact `x`: \/out\/x does not exist/);
  });

  test('input artifacts: stored, raw, git (at a revision), http, and optional ones skipped', async () => {
    const source = join(work, 'stored');
    await mkdir(source);
    await writeFile(join(source, 'in.txt'), 'stored\n');
    const key = await artifacts.put(source, 'inputs/stored');
    const repo = join(work, 'repo');
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { stdio: 'pipe' });
    await mkdir(repo);
    git('init', '-q', '-b', 'main');
    await writeFile(join(repo, 'README'), 'v1\n');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'one');
    git('tag', 'v1');
    await writeFile(join(repo, 'README'), 'v2\n');
    git('-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qam', 'two');
    const pod = await runPod(executor, sh('cat /in/stored/in.txt /in/raw.txt /src/README /in/dl; ls /in'), {
      inputArtifacts: [
        { name: 'stored', path: '/in/stored', key },
        { name: 'raw', path: '/in/raw.txt', raw: 'raw\n' },
        { name: 'src', path: '/src', git: { repo: `file://${repo}`, revision: 'v1' } },
        { name: 'dl', path: '/in/dl', http: { url: `${httpUrl}/file` } },
        { name: 'gone', path: '/in/gone', key: 'not/stored', optional: true },
        { name: 'none', path: '/in/none', optional: true },
      ],
    });
    assert.equal(pod.exit.result, 'stored\nraw\nv1\ndownloaded\ndl\nraw.txt\nstored');
    const missing = await runPod(executor, sh('true'), {
      inputArtifacts: [{ name: 'needed', path: '/x', key: 'not/stored' }],
    });
    assert.match(
      missing.exit.error ?? '',
      /input artifact `needed`: nothing is stored under key `not\/stored`/,
    );
  });

  test('network: shared with the host by default, only loopback with `slipway.io/network: none`', async () => {
    const count = 'tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " " | sort | tr "\\n" " "';
    const [shared, none] = await Promise.all([
      runPod(executor, sh(count)),
      runPod(executor, {
        ...sh(`${count}; wget -q -T 2 -O- ${httpUrl}/ || echo unreachable`),
        metadata: { annotations: { 'slipway.io/network': 'none' } },
      }),
    ]);
    assert.notEqual(shared.exit.result?.trim(), 'lo');
    assert.equal(none.exit.result, 'lo unreachable');
  });

  test('a pod past its deadline is killed and reported as such; kill() stops a pod with a reason', async () => {
    const late = await runPod(executor, sh('echo started; sleep 30'), { deadline: Date.now() + 400 });
    assert.equal(late.exit.deadlineExceeded, true);
    assert.equal(late.exit.exitCode, 137);
    assert.ok(late.ms < 5000, `killed after ${late.ms} ms`);
    let handle: Parameters<Parameters<typeof runPod>[3] & object>[0] | undefined;
    const stopped = runPod(executor, sh('sleep 30 & sleep 30'), {}, (h) => {
      handle = h;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await handle!.kill('stopped by the user');
    const exit = (await stopped).exit;
    assert.equal(exit.error, 'stopped by the user');
    assert.equal(DEADLINE_MESSAGE.length > 0, true);
  });

  test('host-root isolation: the host’s / read-only, a private /tmp, outputs readable', async () => {
    const pod = await runPod(executor, {
      name: 't',
      metadata: { annotations: { 'slipway.io/isolation': 'host-root' } },
      container: {
        command: [
          '/bin/sh',
          '-c',
          'test -x /usr/bin/bwrap && echo host-tools; touch /usr/x 2>/dev/null || echo read-only; echo t > /tmp/t; hostname',
        ],
      },
      outputs: { parameters: [{ name: 't', valueFrom: { path: '/tmp/t' } }] },
    });
    assert.equal(pod.exit.error, undefined, pod.stderr);
    assert.match(pod.exit.result ?? '', /^host-tools\nread-only\nwf-pod-\d+$/);
    assert.deepEqual(pod.exit.parameters, [{ name: 't', value: 't' }]);
  });

  test('sidecars start first, share the network, and are stopped after the main container', async () => {
    const port = 20000 + Math.floor(Math.random() * 30000);
    const pod = await runPod(executor, {
      name: 't',
      sidecars: [
        { name: 'server', image: BUSYBOX, command: ['sh', '-c', `echo pong | nc -l -p ${port}`] },
        { name: 'idle', image: BUSYBOX, command: ['sleep', '1000'] },
      ],
      container: {
        image: BUSYBOX,
        command: [
          'sh',
          '-c',
          `for i in $(seq 100); do nc 127.0.0.1 ${port} </dev/null && exit 0; sleep 0.05; done; exit 1`,
        ],
      },
    });
    assert.equal(pod.exit.exitCode, 0, pod.exit.error ?? pod.stderr);
    assert.equal(pod.exit.result, 'pong');
    assert.ok(pod.ms < 10_000);
  });

  test('containerSet: containers run in dependency order over shared volumes; the result is main’s', async () => {
    const set = (first: string): Template => ({
      name: 't',
      volumes: [{ name: 'ws', emptyDir: {} }],
      containerSet: {
        volumeMounts: [{ name: 'ws', mountPath: '/ws' }],
        containers: [
          { name: 'main', image: BUSYBOX, command: ['sh', '-c', 'cat /ws/a /ws/b'], dependencies: ['b'] },
          { name: 'b', image: BUSYBOX, command: ['sh', '-c', 'echo b > /ws/b'], dependencies: ['a'] },
          { name: 'a', image: BUSYBOX, command: ['sh', '-c', first] },
        ],
      },
    });
    const [ok, failed] = await Promise.all([
      runPod(executor, set('echo a > /ws/a')),
      runPod(executor, set('exit 4')),
    ]);
    assert.equal(ok.exit.exitCode, 0, ok.stderr);
    assert.equal(ok.exit.result, 'a\nb');
    assert.deepEqual(
      ok.exit.containers?.map((c) => [c.name, c.exitCode]),
      [
        ['a', 0],
        ['b', 0],
        ['main', 0],
      ],
    );
    assert.equal(failed.exit.exitCode, 4);
    assert.deepEqual(
      failed.exit.containers?.map((c) => [c.name, c.exitCode ?? c.message]),
      [
        ['a', 4],
        ['b', 'not run: a container it depends on did not succeed'],
        ['main', 'not run: a container it depends on did not succeed'],
      ],
    );
  });

  test('init containers run first; a failing one fails the pod', async () => {
    const pod = await runPod(executor, {
      name: 't',
      volumes: [{ name: 'ws', emptyDir: {} }],
      initContainers: [
        {
          name: 'prepare',
          image: BUSYBOX,
          command: ['sh', '-c', 'echo ready > /ws/f'],
          mirrorVolumeMounts: true,
        },
      ],
      container: {
        image: BUSYBOX,
        command: ['cat', '/ws/f'],
        volumeMounts: [{ name: 'ws', mountPath: '/ws' }],
      },
    });
    assert.equal(pod.exit.result, 'ready');
    const failing = await runPod(executor, {
      ...sh('echo never'),
      initContainers: [{ name: 'bad', image: BUSYBOX, command: ['false'] }],
    });
    assert.equal(failing.exit.exitCode, 1);
    assert.equal(failing.stdout, '');
  });

  test('each pod gets its own writable root: writes never reach the image or other pods', async () => {
    const first = await runPod(executor, sh('echo x > /bin/added && rm /bin/ls && echo done'));
    assert.equal(first.exit.result, 'done');
    const second = await runPod(executor, sh('test ! -e /bin/added && test -e /bin/ls && echo clean'));
    assert.equal(second.exit.result, 'clean');
  });

  test('copy roots (used when overlays are unavailable) behave the same', async () => {
    const noOverlay = new LocalExecutor({
      workDir: join(work, 'probe'),
      images,
      artifacts,
      tools: { unshare: '/nonexistent' },
    });
    assert.equal(
      await noOverlay.rootfsMode(),
      'copy',
      'auto falls back to copies when overlays cannot be mounted',
    );
    const copying = new LocalExecutor({
      workDir: join(work, 'copy-pods'),
      images,
      artifacts,
      rootfs: 'copy',
    });
    assert.equal(await copying.rootfsMode(), 'copy');
    const first = await runPod(copying, {
      ...sh('echo x > /bin/added; echo 7 > /tmp/p'),
      outputs: { parameters: [{ name: 'p', valueFrom: { path: '/tmp/p' } }] },
    });
    assert.deepEqual(first.exit.parameters, [{ name: 'p', value: '7' }]);
    const second = await runPod(copying, sh('test ! -e /bin/added && echo clean'));
    assert.equal(second.exit.result, 'clean');
  });

  test('http templates make the request; data templates are refused clearly', async () => {
    const [ok, missing, data] = await Promise.all([
      runPod(executor, {
        name: 't',
        http: {
          url: `${httpUrl}/hello`,
          method: 'POST',
          headers: [{ name: 'x-token', valueFrom: { secretKeyRef: { name: 'creds', key: 'token' } } }],
        },
      }),
      runPod(executor, { name: 't', http: { url: `${httpUrl}/missing` } }),
      runPod(executor, { name: 't', data: { source: {}, transformation: [] } }),
    ]);
    assert.equal(ok.exit.result, 'POST /hello s3cret');
    assert.equal(ok.exit.exitCode, 0);
    assert.equal(missing.exit.exitCode, 1);
    assert.match(data.exit.error ?? '', /data templates are not supported locally yet/);
  });

  test('system failures become PodExit.error: an image that does not exist, a sandbox that cannot start', async () => {
    const [image, command, volume] = await Promise.all([
      runPod(executor, {
        name: 't',
        container: { image: `${registry.host}/team/absent:v1`, command: ['true'] },
      }),
      runPod(executor, { name: 't', container: { image: BUSYBOX, command: ['no-such-command'] } }),
      runPod(executor, sh('true', { volumeMounts: [{ name: 'v', mountPath: '/v' }] }), {
        volumes: [{ name: 'v', hostPath: join(work, 'does-not-exist') }],
      }),
    ]);
    assert.match(image.exit.error ?? '', /cannot pull image `.*absent:v1`/);
    assert.equal(image.exit.exitCode, undefined);
    assert.match(command.exit.error ?? '', /the sandbox did not start: execvp no-such-command/);
    assert.match(volume.exit.error ?? '', /the sandbox did not start/);
  });

  test('per-step overhead: 20 sequential no-op pods', async (t) => {
    const copying = new LocalExecutor({
      workDir: join(work, 'copy-pods'),
      images,
      artifacts,
      rootfs: 'copy',
    });
    // 20 pods with overlays (the default here), 5 with copies for comparison (they are slower).
    for (const [name, runner, count] of [
      ['overlay', executor, 20],
      ['copy', copying, 5],
    ] as const) {
      assert.equal(await runner.rootfsMode(), name);
      await runPod(runner, { name: 't', container: { image: BUSYBOX, command: ['true'] } });
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const pod: PodRecord = await runPod(runner, {
          name: 't',
          container: { image: BUSYBOX, command: ['true'] },
        });
        assert.equal(pod.exit.exitCode, 0);
        times.push(pod.ms);
      }
      const sorted = [...times].sort((a, b) => a - b);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      t.diagnostic(
        `${name} roots, ${count} pods: mean ${mean.toFixed(1)} ms, median ${sorted[Math.floor(count / 2)]} ms, min ${sorted[0]} ms, max ${sorted.at(-1)} ms per no-op pod`,
      );
      assert.ok(mean < 1000, `mean ${mean} ms per no-op pod`);
    }
    // Directories are deleted right after each exit is reported; give the last one a moment.
    for (let i = 0; i < 50 && (await readdir(join(work, 'pods', 'pods'))).length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.deepEqual(await readdir(join(work, 'pods', 'pods')), [], 'pod directories are deleted');
  });
});
