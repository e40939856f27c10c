import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { resolveArgv, SCRIPT_PATH } from './command';
import { planPod } from './container-plan';
import { buildEnv, DEFAULT_PATH, type PodEnvContext } from './env';
import { expandVars } from './expand-vars';
import { resolveUser } from './user';

const image = { env: ['PATH=/bin', 'A=image'], entrypoint: ['/entry'], cmd: ['default'] };
const none = new Map<string, string>();

describe('command resolution (Kubernetes rules)', () => {
  test('ENTRYPOINT + CMD, args replace CMD, command replaces both', () => {
    assert.deepEqual(resolveArgv({}, image, none, false), ['/entry', 'default']);
    assert.deepEqual(resolveArgv({ args: ['x'] }, image, none, false), ['/entry', 'x']);
    assert.deepEqual(resolveArgv({ command: ['run'] }, image, none, false), ['run']);
    assert.deepEqual(resolveArgv({ command: ['run'], args: ['y'] }, image, none, false), ['run', 'y']);
  });

  test('scripts run command (default sh), args, then the script file', () => {
    assert.deepEqual(resolveArgv({}, image, none, true), ['sh', SCRIPT_PATH]);
    assert.deepEqual(resolveArgv({ command: ['python'], args: ['-u'] }, image, none, true), [
      'python',
      '-u',
      SCRIPT_PATH,
    ]);
  });

  test('no command at all is a clear error', () => {
    assert.throws(() => resolveArgv({ name: 'c' }, { env: [] }, none, false), /container `c` has no command/);
  });

  test('$(VAR) expansion: defined names, $$ escapes, unknown and unterminated references stay', () => {
    const env = (name: string) => ({ A: 'a', B: 'b' })[name];
    assert.equal(expandVars('$(A)-$(B)', env), 'a-b');
    assert.equal(expandVars('$$(A) $$ $x', env), '$(A) $ $x');
    assert.equal(expandVars('$(NOPE) $(A', env), '$(NOPE) $(A');
    assert.equal(expandVars('end$', env), 'end$');
  });
});

describe('environment', () => {
  const ctx: PodEnvContext = {
    podName: 'pod-1',
    namespace: 'ns',
    podUid: 'uid',
    nodeName: 'localhost',
    labels: {},
    annotations: { note: 'n' },
    configMaps: async (name) => (name === 'cm' ? { A: 'from-cm', B: 'cm-b' } : undefined),
  };

  test('image Env < envFrom < env, defaults for PATH and HOSTNAME', async () => {
    const env = await buildEnv(
      ['A=image', 'KEEP=1'],
      { envFrom: [{ configMapRef: { name: 'cm' } }], env: [{ name: 'B', value: 'env-b' }] },
      ctx,
    );
    assert.deepEqual(Object.fromEntries(env), {
      A: 'from-cm',
      KEEP: '1',
      B: 'env-b',
      PATH: DEFAULT_PATH,
      HOSTNAME: 'pod-1',
    });
  });

  test('fieldRef paths Slipway knows, and a clear error for the others', async () => {
    const env = await buildEnv(
      [],
      {
        env: [
          { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
          { name: 'NOTE', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['note']" } } },
          { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        ],
      },
      ctx,
    );
    assert.equal(env.get('NS'), 'ns');
    assert.equal(env.get('NOTE'), 'n');
    assert.equal(env.get('IP'), '127.0.0.1');
    await assert.rejects(
      buildEnv([], { env: [{ name: 'X', valueFrom: { fieldRef: { fieldPath: 'spec.weird' } } }] }, ctx),
      /fieldRef `spec.weird` is not supported/,
    );
    await assert.rejects(
      buildEnv([], { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'cm', key: 'Z' } } }] }, ctx),
      /ConfigMap `cm` has no key `Z`/,
    );
  });
});

describe('users', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'slipway-user-'));
    await mkdir(join(root, 'etc'));
    await writeFile(join(root, 'etc/passwd'), 'root:x:0:0::/root:/bin/sh\nweb:x:33:33::/var/www:/bin/sh\n');
    await writeFile(join(root, 'etc/group'), 'root:x:0:\nweb:x:33:\nstaff:x:50:\n');
  });
  after(() => rm(root, { recursive: true, force: true }));

  test('image USER by name, by number, with a group; runAsUser/runAsGroup win', async () => {
    assert.deepEqual(await resolveUser(undefined, undefined, 'web', root), {
      uid: 33,
      gid: 33,
      home: '/var/www',
    });
    assert.deepEqual(await resolveUser(undefined, undefined, 'web:staff', root), {
      uid: 33,
      gid: 50,
      home: '/var/www',
    });
    assert.deepEqual(await resolveUser(undefined, undefined, '1234:7', root), { uid: 1234, gid: 7 });
    assert.deepEqual(await resolveUser({ runAsUser: 0 }, { runAsGroup: 5 }, 'web', root), {
      uid: 0,
      gid: 5,
      home: '/root',
    });
    assert.deepEqual(await resolveUser(undefined, undefined, undefined, root), {
      uid: 0,
      gid: 0,
      home: '/root',
    });
  });

  test('unknown names and runAsNonRoot as root are refused', async () => {
    await assert.rejects(
      resolveUser(undefined, undefined, 'ghost', root),
      /USER `ghost` is not in its \/etc\/passwd/,
    );
    await assert.rejects(resolveUser({ runAsNonRoot: true }, undefined, undefined, root), /runAsNonRoot/);
  });

  test('an image’s /etc/passwd symlinked to a host file is read inside the image, never on the host', async () => {
    const host = await mkdtemp(join(tmpdir(), 'slipway-user-host-'));
    await writeFile(join(host, 'passwd'), 'hacker:x:0:0::/:/bin/sh\n');
    const evil = await mkdtemp(join(tmpdir(), 'slipway-user-evil-'));
    await mkdir(join(evil, 'etc'));
    await symlink(join(host, 'passwd'), join(evil, 'etc/passwd'));
    await assert.rejects(resolveUser(undefined, undefined, 'hacker', evil), /not in its \/etc\/passwd/);
    const looping = await mkdtemp(join(tmpdir(), 'slipway-user-loop-'));
    await symlink('/etc', join(looping, 'etc'));
    assert.deepEqual(await resolveUser(undefined, undefined, undefined, looping), { uid: 0, gid: 0 });
    await Promise.all([host, evil, looping].map((dir) => rm(dir, { recursive: true, force: true })));
  });
});

describe('pod plans', () => {
  test('containerSet containers are ordered by dependencies; cycles and unknown names are refused', () => {
    const plan = planPod({
      containerSet: {
        containers: [
          { name: 'main', dependencies: ['b'] },
          { name: 'b', dependencies: ['a'] },
          { name: 'a' },
        ],
      },
    });
    assert.deepEqual(
      plan.main.map((c) => c.name),
      ['a', 'b', 'main'],
    );
    assert.equal(plan.outputs, 'main');
    assert.throws(
      () =>
        planPod({
          containerSet: {
            containers: [
              { name: 'x', dependencies: ['y'] },
              { name: 'y', dependencies: ['x'] },
            ],
          },
        }),
      /cycle: x → y → x/,
    );
    assert.throws(
      () => planPod({ containerSet: { containers: [{ name: 'x', dependencies: ['z'] }] } }),
      /unknown container `z`/,
    );
    assert.throws(
      () => planPod({ containerSet: { containers: [{ name: 'x' }, { name: 'x' }] } }),
      /two containers named `x`/,
    );
  });

  test('templates that are not pods, or not supported locally, are refused with what to do', () => {
    assert.throws(() => planPod({ name: 's', steps: [] }), /is not a pod template/);
    assert.throws(() => planPod({ resource: { action: 'create' } }), /need a Kubernetes cluster/);
  });
});
