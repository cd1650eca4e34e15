import { describe, expect, it } from 'vitest';
import { enumerateSplits, splitAppealsRow, splitRequestsRow } from '../../src/extract/split.js';

describe('digit-run splitting', () => {
  it('never makes a number with a leading zero', () => {
    // 10|05 and 1|005 would need a leading zero.
    expect(enumerateSplits('1005', ['count', 'count'])).toEqual([[100, 5]]);
    expect(enumerateSplits('100', ['count', 'count'])).toEqual([[10, 0]]);
  });

  it('a table-三 row is split only by its own row total', () => {
    expect(splitRequestsRow('801000081')).toEqual([[80, 1, 0, 0, 0, 0, 81]]);
    expect(splitRequestsRow('0000000')).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
    // 22,0,…,22 and 2,20,…,22 both satisfy the row: left to the column identities.
    expect(splitRequestsRow('220000022')).toHaveLength(2);
    expect(splitRequestsRow('123')).toEqual([]);
  });

  it('spaces in a run are not trusted as separators', () => {
    expect(splitRequestsRow('230 000023')).toEqual([[23, 0, 0, 0, 0, 0, 23]]);
  });

  it('a space the text kept between figures is a border no number crosses', () => {
    const splits = enumerateSplits('13 28 8 49', Array(5).fill('count'))!;
    expect(splits.length).toBeGreaterThan(0);
    for (const parts of splits) expect(parts).not.toContain(32);
    expect(splits).toContainEqual([1, 3, 28, 8, 49]);
    expect(splitAppealsRow('13 28 8 49 0 2 12 0 14 2 0 12 11 25')).toEqual([]);
  });

  it('table 四 splits into three groups whose totals hold', () => {
    expect(splitAppealsRow('110024001510102')).toEqual([[1, 1, 0, 0, 2, 4, 0, 0, 1, 5, 1, 0, 1, 0, 2]]);
    expect(splitAppealsRow('000000000000000')).toEqual([Array(15).fill(0)]);
  });

  it('a decimal column may take the decimal part', () => {
    expect(enumerateSplits('135.5', ['decimal'])).toEqual([[135.5]]);
    expect(enumerateSplits('1355.5', ['count', 'decimal'])).toEqual([
      [1, 355.5],
      [13, 55.5],
      [135, 5.5],
    ]);
  });

  it('refuses to enumerate an absurdly long run', () => {
    expect(enumerateSplits('1'.repeat(60), ['count', 'count', 'count'])).toBeNull();
  });
});

describe('signed figures in run-together text (2019 本年增/减)', () => {
  it('a minus sign starts the signed cell and ends the one before it', () => {
    expect(enumerateSplits('35-15', ['count', 'signed'])).toEqual([[35, -15]]);
    const s = enumerateSplits('2648-18538', ['count', 'signed', 'count'])!;
    expect(s.every((p) => p[0] === 2648 && p[1] < 0)).toBe(true);
    expect(s).toContainEqual([2648, -18, 538]);
  });
  it('a sign is never inside an unsigned cell', () => {
    expect(enumerateSplits('3-5', ['count', 'count'])).toEqual([]);
    // A dash before figures in a count cell can only be a zero written as a dash.
    expect(enumerateSplits('-35', ['count', 'signed'])).toEqual([[0, 35]]);
  });
});

describe('zeros written as a dash, run in with the figures', () => {
  it('a dash alone is one zero cell and keeps its mark', async () => {
    const { splitPieces } = await import('../../src/extract/split.js');
    expect(splitRequestsRow('—000000')).toEqual([[0, 0, 0, 0, 0, 0, 0]]);
    expect(splitRequestsRow('30—0003')).toEqual([[3, 0, 0, 0, 0, 0, 3]]);
    expect(splitPieces('30—0003', [3, 0, 0, 0, 0, 0, 3])).toEqual(['3', '0', '—', '0', '0', '0', '3']);
  });
});
