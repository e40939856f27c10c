import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxBind } from '../sandbox/bwrap-args';

/**
 * Writes the pod's /etc/hosts and /etc/hostname (and, with network, a copy of the host's resolv.conf, read
 * by the caller) into `dir` and returns the binds placing them, as the kubelet does for every container.
 */
export async function etcFiles(
  dir: string,
  hostname: string,
  resolv: Buffer | undefined,
): Promise<SandboxBind[]> {
  const hosts = [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    `127.0.1.1\t${hostname}`,
    '',
  ].join('\n');
  await Promise.all([
    writeFile(join(dir, 'hosts'), hosts),
    writeFile(join(dir, 'hostname'), `${hostname}\n`),
    ...(resolv ? [writeFile(join(dir, 'resolv.conf'), resolv)] : []),
  ]);
  return [
    { source: join(dir, 'hosts'), target: '/etc/hosts' },
    { source: join(dir, 'hostname'), target: '/etc/hostname' },
    ...(resolv ? [{ source: join(dir, 'resolv.conf'), target: '/etc/resolv.conf' }] : []),
  ];
}
