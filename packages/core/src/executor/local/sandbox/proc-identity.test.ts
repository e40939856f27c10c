import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { exited, isAlive, killGroup, parseStat, readIdentity } from './proc-identity';

test('a stat line is read past a command name holding spaces and parentheses', () => {
  const fields = Array.from({ length: 50 }, (_, i) => String(i + 3));
  fields[0] = 'S';
  const stat = parseStat(`4242 (sh (x) y) ${fields.join(' ')}\n`);
  assert.deepEqual(stat, { pid: 4242, state: 'S', startTime: '22' });
  assert.equal(parseStat('garbage'), undefined);
});

test('a process that records its own stat is found alive by it, then not once killed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'slipway-identity-'));
  try {
    const file = join(dir, 'me');
    // What a supervisor does: copy its own stat line, then keep running.
    const child = spawn(
      '/bin/sh',
      ['-c', 'read -r s </proc/self/stat; printf "%s\\n" "$s" >"$1"; exec sleep 30', 'x', file],
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    let identity = await readIdentity(file);
    for (let i = 0; i < 200 && identity === undefined; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      identity = await readIdentity(file);
    }
    assert.equal(identity?.pid, child.pid);
    assert.equal(await isAlive(identity!), true);
    assert.equal(
      await isAlive({ pid: identity!.pid, startTime: '1' }),
      false,
      'another start time is another process',
    );
    const gone = once(child, 'exit');
    await killGroup(identity!);
    await gone;
    await exited(identity!);
    assert.equal(await isAlive(identity!), false);
    assert.match(await readFile(file, 'utf8'), new RegExp(`^${child.pid} `));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
