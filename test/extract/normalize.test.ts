import * as OpenCC from 'opencc-js';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasTraditional, linesHaveTraditional, normalizeText, normalizeWithMap, normLabel, readNumber, stripOrdinal } from '../../src/core/normalize.js';

const SHARED = path.resolve(__dirname, '../fixtures');

describe('normalisation', () => {
  it('the fast string form equals the mapped form on every fixture line', () => {
    const toTrad = OpenCC.Converter({ from: 'cn', to: 'twp' });
    for (const dir of ['seeds', 'real'])
      for (const f of readdirSync(path.join(SHARED, dir)).filter((x) => /\.(txt|html)$/.test(x)))
        for (const line of readFileSync(path.join(SHARED, dir, f), 'utf8').split('\n'))
          for (const l of [line, toTrad(line)]) expect(normalizeText(l)).toBe(normalizeWithMap(l).norm);
  });

  it('the fast string form equals the mapped form on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => normalizeText(s) === normalizeWithMap(s).norm));
  });

  it('the fast string form equals the mapped form on long texts (not cached) and on texts of mixed kinds', () => {
    const piece = fc.constantFrom('总计', '（一）', '、', '。', '“', '[', ' ', '\u3000', 'ＡＢ１', '資訊', 'abc', '12', '\t', '⺠', '\ud83d', '—');
    const mixed = fc.array(fc.oneof(piece, fc.string({ unit: 'binary', maxLength: 8 })), { minLength: 0, maxLength: 60 }).map((a) => a.join(''));
    fc.assert(fc.property(mixed, (s) => normalizeText(s) === normalizeWithMap(s).norm && normalizeText(s, false) === normalizeWithMap(s, false).norm));
    fc.assert(fc.property(fc.string({ unit: 'binary', minLength: 65, maxLength: 400 }), (s) => normalizeText(s) === normalizeWithMap(s).norm));
    const plain = '一总体情况abc123'.repeat(10);
    expect(normalizeText(plain)).toBe(plain);
  });

  it('linesHaveTraditional answers as lines.some(hasTraditional), once per lines array', () => {
    const simple = ['一、总体情况', '予以公开 3'];
    const trad = ['一、總體情況', '予以公開 3'];
    expect(linesHaveTraditional(simple)).toBe(false);
    expect(linesHaveTraditional(trad)).toBe(true);
    expect(linesHaveTraditional([])).toBe(false);
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 6 })), (lines) => linesHaveTraditional(lines) === lines.some(hasTraditional)));
  });

  it('the map points every normalised character at its source', () => {
    const s = '（二）部分公开　“区分”';
    const { norm, map } = normalizeWithMap(s);
    expect(norm).toBe('(二)部分公开区分');
    expect(map.map((i) => s[i]).join('')).toBe('（二）部分公开区分');
  });

  it('labels compare equal across brackets, quotes, spaces and scripts', () => {
    expect(normLabel('3.危及“三安全一稳定”')).toBe(normLabel('3．危及"三安全一稳定"'));
    expect(normLabel('（二）部分公开')).toBe(normLabel('(二) 部分公开'));
    expect(normLabel('屬於國家秘密')).toBe(normLabel('属于国家秘密'));
    expect(stripOrdinal(normLabel('（三）不予公开'))).toEqual({ ordinal: '(三)', rest: '不予公开' });
  });

  it('reads numbers: blank is not zero, dashes are zeros, full-width digits and units', () => {
    expect(readNumber('')).toEqual({ kind: 'blank' });
    expect(readNumber('\u00a0\u3000')).toEqual({ kind: 'blank' });
    expect(readNumber('&nbsp;')).toEqual({ kind: 'blank' });
    expect(readNumber('—')).toEqual({ kind: 'number', value: 0, zeroNotation: true });
    expect(readNumber('／')).toEqual({ kind: 'number', value: 0, zeroNotation: true });
    expect(readNumber('１２')).toEqual({ kind: 'number', value: 12 });
    expect(readNumber('251000元')).toEqual({ kind: 'number', value: 251000 });
    expect(readNumber('1,234')).toEqual({ kind: 'number', value: 1234 });
    expect(readNumber('96171.6')).toEqual({ kind: 'number', value: 96171.6 });
    expect(readNumber('-5')).toEqual({ kind: 'number', value: -5 });
    expect(readNumber('无')).toEqual({ kind: 'text' });
  });
});
