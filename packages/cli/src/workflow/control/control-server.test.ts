import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_RUN_OPTIONS, openSession, type Session } from '../session';
import { connectTo } from './control-client';
import { controlSocketPath } from './socket-path';

const io = { stdout: process.stdout, stderr: process.stderr, env: {}, setExitCode: () => undefined };

async function sessions(home: string, count: number): Promise<Session[]> {
  return Promise.all(Array.from({ length: count }, () => openSession(home, DEFAULT_RUN_OPTIONS, io)));
}

test('of several processes taking over the same orphan at once, exactly one owns it', async () => {
  const home = mkdtempSync(join(tmpdir(), 'slipway-claim-'));
  // The socket file a killed owner left behind.
  const stale = controlSocketPath(home, 'orphan');
  mkdirSync(dirname(stale), { recursive: true });
  writeFileSync(stale, '');
  const all = await sessions(home, 4);
  try {
    const won = await Promise.all(all.map((session) => session.control.claim('orphan')));
    assert.equal(won.filter(Boolean).length, 1, `claims: ${won.join(', ')}`);
    const owner = all[won.indexOf(true)]!;
    const live = await connectTo(stale);
    assert.ok(live, "the owner's socket answers at the workflow's path");
    live.close();
    assert.equal(await owner.control.claim('orphan'), true, 'the owner claiming again keeps it');
    await owner.close();
    const next = all.find((session) => session !== owner)!;
    assert.equal(
      await next.control.claim('orphan'),
      true,
      'once the owner is gone, another process takes over',
    );
  } finally {
    await Promise.allSettled(all.map((session) => session.close()));
  }
});
