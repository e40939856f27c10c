import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_HOST_TOOLS } from './host-tools';
import { SupervisorLauncher } from './launcher';

async function until(path: string): Promise<void> {
  for (let i = 0; i < 500 && !existsSync(path); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

test('a started command gets its stdin byte for byte and its words as given, in a session of its own', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-launcher-'));
  const launcher = new SupervisorLauncher(DEFAULT_HOST_TOOLS);
  try {
    const input = Buffer.from('--setenv\0TOKEN\0it\'s "secret"\nwith a newline\0');
    const words = ["it's", 'two\nlines', '$HOME `x` \\', ''];
    // Its session id is the sixth field of its /proc stat line (the command name `sh` has no spaces).
    const script =
      'd=$1; cat >"$d/stdin"; for w in "$@"; do printf "[%s]" "$w"; done >"$d/words"; ' +
      'read -r s </proc/$$/stat; set -- $s; echo "$6" >"$d/sid"; echo $$ >"$d/pid"; : >"$d/done"';
    launcher.start(['/bin/sh', '-c', script, 'sh', dir, ...words], input, join(dir, 'failed'));
    launcher.start(['/nonexistent/command'], Buffer.from(''), join(dir, 'failed'));
    await until(join(dir, 'done'));
    await until(join(dir, 'failed'));
    assert.deepEqual(await readFile(join(dir, 'stdin')), input);
    assert.equal(await readFile(join(dir, 'words'), 'utf8'), `[${dir}][it's][two\nlines][$HOME \`x\` \\][]`);
    const [sid, pid] = await Promise.all([
      readFile(join(dir, 'sid'), 'utf8'),
      readFile(join(dir, 'pid'), 'utf8'),
    ]);
    assert.equal(sid.trim(), pid.trim(), 'the command leads its own session');
    assert.equal(
      (await readFile(join(dir, 'failed'), 'utf8')).trim(),
      '127',
      'a command that cannot start says so',
    );
  } finally {
    launcher.close();
    await rm(dir, { recursive: true, force: true });
  }
});
