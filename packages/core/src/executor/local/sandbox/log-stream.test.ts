import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineChunker, ResultTail } from './log-stream';

test('chunks hold whole lines; a last line without newline comes at flush; UTF-8 split across chunks survives', () => {
  const out: string[] = [];
  const chunker = new LineChunker((text) => out.push(text));
  chunker.push(Buffer.from('a\nb'));
  chunker.push(Buffer.from('c\nd\n'));
  const euro = Buffer.from('€\n');
  chunker.push(euro.subarray(0, 1));
  chunker.push(euro.subarray(1));
  chunker.push(Buffer.from('tail'));
  chunker.flush();
  assert.deepEqual(out, ['a\n', 'bc\nd\n', '€\n', 'tail']);
});

test('the result trims one trailing newline and keeps the last 256 kB', () => {
  const tail = new ResultTail();
  tail.push(Buffer.from('x\n\n'));
  assert.equal(tail.result(), 'x\n');
  const big = new ResultTail();
  big.push(Buffer.from('head'));
  for (let i = 0; i < 100; i++) big.push(Buffer.alloc(10 * 1024, 'a'));
  big.push(Buffer.from('end\n'));
  const result = big.result();
  assert.equal(Buffer.byteLength(result), 256 * 1024);
  assert.ok(result.endsWith('aend'));
});
