import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { scanTemplate } from './scan';
import { simpleTagName } from './simple-tag-name';
import { substituteTemplate } from './substitute';

const templateChars = fc.constantFrom('{', '}', '=', ' ', 'a', '.', '#', "'", '"', '\n', '-', '1');
const template = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: templateChars, maxLength: 40 }),
  fc
    .tuple(
      fc.constantFrom(
        '{{inputs.parameters.x}}',
        '{{=asInt(a) + 1}}',
        '{{= {a: 1} }}',
        '{{=filter(x, {# > 1})}}',
      ),
      fc.nat({ max: 30 }),
      fc.string({ unit: templateChars, maxLength: 4 }),
    )
    .map(([base, at, insert]) => base.slice(0, at) + insert + base.slice(at)),
);

test('scanTemplate: segments always rebuild the input and tags point at their own text', () => {
  fc.assert(
    fc.property(template, (text) => {
      const scan = scanTemplate(text);
      const rebuilt = scan.segments.map((s) => (s.type === 'literal' ? s.text : s.tag.raw)).join('');
      assert.equal(rebuilt, text);
      let previousEnd = 0;
      for (const tag of scan.tags) {
        assert.ok(tag.start >= previousEnd && tag.end <= text.length);
        assert.equal(text.slice(tag.start, tag.end), tag.raw);
        assert.equal(text.slice(tag.innerStart, tag.innerStart + tag.inner.length), tag.inner);
        assert.ok(tag.raw.startsWith('{{') && tag.raw.endsWith('}}'));
        assert.equal(tag.inner.includes('}}'), false);
        previousEnd = tag.end;
      }
      for (const problem of scan.problems) {
        assert.ok(problem.offset >= 0 && problem.offset + problem.length <= text.length);
      }
    }),
    { numRuns: 500 },
  );
});

test('substituteTemplate: resolving every tag to its own text is the identity', () => {
  fc.assert(
    fc.property(template, (text) => {
      const result = substituteTemplate(text, (tag) => tag.raw, {
        expression: (tag) => tag.raw,
        nested: false,
      });
      assert.equal(result.text, text);
      assert.deepEqual(result.unresolved, []);
    }),
    { numRuns: 300 },
  );
});

test('simpleTagName: the name is the trimmed inner text and compact has no whitespace', () => {
  fc.assert(
    fc.property(fc.string({ unit: templateChars, maxLength: 20 }), (inner) => {
      const name = simpleTagName(inner);
      assert.equal(name.name, inner.trim());
      assert.equal(/\s/u.test(name.compact), false);
      assert.equal(name.hasInnerWhitespace, /\s/u.test(inner.trim()));
    }),
    { numRuns: 300 },
  );
});
