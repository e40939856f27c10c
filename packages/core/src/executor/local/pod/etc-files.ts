import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxBind } from '../sandbox/bwrap-args';

/**
 * Writes the pod's /etc/hosts and /etc/hostname (and, with network, a copy of the host's resolv.conf) into
 * `dir` and returns the binds placing them, as the kubelet does for every container.
 */
export async function etcFiles(
  dir: string,
  hostname: string,
  resolvConf: string | undefined,
): Promise<SandboxBind[]> {
  const hosts = [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    `127.0.1.1\t${hostname}`,
    '',
  ].join('\n');
  await writeFile(join(dir, 'hosts'), hosts);
  await writeFile(join(dir, 'hostname'), `${hostname}\n`);
  const binds: SandboxBind[] = [
    { source: join(dir, 'hosts'), target: '/etc/hosts' },
    { source: join(dir, 'hostname'), target: '/etc/hostname' },
  ];
  const resolv = resolvConf ? await readFile(resolvConf).catch(() => undefined) : undefined;
  if (resolv) {
    await writeFile(join(dir, 'resolv.conf'), resolv);
    binds.push({ source: join(dir, 'resolv.conf'), target: '/etc/resolv.conf' });
  }
  return binds;
}
