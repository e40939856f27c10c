import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fnv32a, nodeIdOf, podNameOf } from './ids';

describe('node ids', () => {
  test('fnv32a matches Go hash/fnv New32a', () => {
    // Reference values from Go: fnv.New32a() over the bytes.
    assert.equal(fnv32a(''), 2166136261);
    assert.equal(fnv32a('a'), 0xe40c292c);
    assert.equal(fnv32a('foobar'), 0xbf9cf968);
    // Multi-byte characters hash their UTF-8 bytes.
    for (const text of ['é', 'wf[0].step(0:日本)', '😀 x', '\u{10FFFF}']) {
      let hash = 2166136261;
      for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
      assert.equal(fnv32a(text), hash, text);
    }
  });

  test('the root node id is the workflow name', () => {
    assert.equal(nodeIdOf('wf', 'wf'), 'wf');
    assert.equal(nodeIdOf('wf', 'wf[0]'), `wf-${fnv32a('wf[0]')}`);
  });

  test('pod names carry the template name', () => {
    assert.equal(podNameOf('wf', 'wf', 'main'), 'wf');
    assert.equal(podNameOf('wf', 'wf.a', 'echo'), `wf-echo-${fnv32a('wf.a')}`);
    assert.equal(podNameOf('wf', 'wf.a', ''), `wf-${fnv32a('wf.a')}`);
  });
});
