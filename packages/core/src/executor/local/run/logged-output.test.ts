import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineChunker } from '../sandbox/log-stream';
import { loggedSkips } from './logged-output';

test('stored output is split among containers by their tags and counted in lines, then characters', () => {
  const skips = loggedSkips(
    [
      { stream: 'stdout', text: '[init] prepared\n' },
      { stream: 'stdout', text: 'one\ntwo\n' },
      { stream: 'stderr', text: '[side] listening\n[side] still\n' },
      { stream: 'stdout', text: 'thr' },
      { stream: 'stderr', text: 'warn\n' },
    ],
    [
      { name: 'init', prefixed: true },
      { name: 'side', prefixed: true },
      { name: 'main', prefixed: false },
    ],
  );
  assert.deepEqual(skips.get('main'), { stdout: { lines: 2, chars: 3 }, stderr: { lines: 1, chars: 0 } });
  assert.deepEqual(skips.get('side'), { stdout: { lines: 0, chars: 0 }, stderr: { lines: 2, chars: 0 } });
  assert.deepEqual(skips.get('init'), { stdout: { lines: 1, chars: 0 }, stderr: { lines: 0, chars: 0 } });
});

test('a chunker told what was delivered passes on only the rest, even across chunks', () => {
  const out: string[] = [];
  const chunker = new LineChunker((text) => out.push(text), { lines: 2, chars: 3 });
  chunker.push(Buffer.from('one\ntw'));
  chunker.push(Buffer.from('o\nthr'));
  chunker.push(Buffer.from('ee\nfour\n'));
  chunker.flush();
  assert.deepEqual(out, ['ee\nfour\n']);
  const whole: string[] = [];
  const nothingSkipped = new LineChunker((text) => whole.push(text));
  nothingSkipped.push(Buffer.from('a\nb\n'));
  assert.deepEqual(whole, ['a\nb\n']);
});
