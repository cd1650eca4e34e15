import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PgElements } from '../../src/store/pg-binary.js';

/** A text element by its definition: the 4-byte big-endian length, then the UTF-8 (a lone surrogate as U+FFFD). */
function byDefinition(s: string): Uint8Array {
  const utf8 = Buffer.from(s, 'utf8');
  const out = Buffer.alloc(4 + utf8.length);
  out.writeInt32BE(utf8.length, 0);
  utf8.copy(out, 4);
  return out;
}

describe('PostgreSQL binary elements', () => {
  it('a text element is its UTF-8 with its length, short ASCII strings (copied by hand) and others alike', () => {
    const cases = ['', 'a', 'T3.a.natural', '{"pos":{"line":74,"column":1,"length":1}}', 'x'.repeat(96), 'x'.repeat(97), 'é', 'ab\u0080', '字', 'a\ud800b', '\ud83d\ude00', '\u007f'];
    const w = new PgElements(8); // grows while writing
    for (const s of cases) w.text(s);
    expect(Buffer.from(w.bytes())).toEqual(Buffer.concat(cases.map(byDefinition)));
    expect(w.count).toBe(cases.length);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-ascii', maxLength: 120 }))), (xs) => {
        const e = new PgElements(16);
        for (const s of xs) e.text(s);
        expect(Buffer.from(e.bytes())).toEqual(Buffer.concat([Buffer.alloc(0), ...xs.map(byDefinition)]));
      }),
    );
  });
});
