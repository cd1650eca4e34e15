/**
 * Table-三 rows whose blank cell left no trace in the text (figures parted by single spaces,
 * one cell per line): the table's identities say where the blank was when one placement alone
 * makes them hold; cells that could be 0 or the blank stay unreadable, never another number.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DERIVED } from '../helpers/paths.js';
import { parseBytes, type ParseOutcome } from '../../src/pipeline.js';
import { T3_COLUMN_KEYS } from '../../src/core/template.js';
import { finishExpected, validReport } from '../zoo/canonical.js';
import { buildDoc } from '../zoo/doc.js';
import { PRESENTATIONS } from '../zoo/present.js';
import { Rng } from '../zoo/rng.js';

type Ok = Extract<ParseOutcome, { ok: true }>;

/** A valid report with one zero cell of a table-三 row left blank (its totals still hold), in a presentation that drops empty cells. */
async function withBlank(seed: number, presentation: string, pickRow: (cells: Record<string, number | null>) => string | undefined) {
  const rng = new Rng(seed);
  const r = validReport(rng, '2021');
  const key = pickRow(r.cells);
  if (!key) return null;
  r.cells[key] = null;
  finishExpected(r);
  const doc = buildDoc(rng, r, []);
  const p = PRESENTATIONS.find((x) => x.name === presentation)!;
  const rendered = await p.render(doc, rng);
  const got = await parseBytes(rendered.bytes, `t.${rendered.ext}`);
  if (!got.ok) throw new Error(got.failure.message);
  return { key, truth: r.cells, got: got as Ok };
}

/** A zero in an applicant column whose neighbours on both sides are non-zero: its place is told by the identities. */
function isolatedZero(cells: Record<string, number | null>): string | undefined {
  for (const row of ['granted', 'newReceived', 'total', 'carriedOver', 'partialGrant'])
    for (let c = 1; c < 5; c++) {
      const v = (i: number) => cells[`t3.${row}.${T3_COLUMN_KEYS[i]}`];
      if (v(c) === 0 && v(c - 1)! > 0 && v(c + 1)! > 0) return `t3.${row}.${T3_COLUMN_KEYS[c]}`;
    }
  return undefined;
}

const unreadable = (r: Ok) => new Set(r.findings.filter((f) => f.rule === 'unreadable').flatMap((f) => f.cells));

describe('a row short of a figure, settled by the table identities', () => {
  for (const presentation of ['txt-spaced-rows', 'txt-cell-lines'])
    it(`${presentation}: the blank's place is found, the row read, cell-missing reported`, async () => {
      let tried = 0;
      for (let seed = 1; seed < 60 && tried < 4; seed++) {
        const t = await withBlank(seed, presentation, isolatedZero);
        if (!t) continue;
        tried++;
        const row = t.key.slice(0, t.key.lastIndexOf('.'));
        for (const c of T3_COLUMN_KEYS) expect(t.got.cells[`${row}.${c}`], `${seed} ${row}.${c}`).toBe(t.truth[`${row}.${c}`]);
        expect(t.got.findings.some((f) => f.rule === 'cell-missing' && f.cells.includes(t.key)), `seed ${seed}`).toBe(true);
        expect([...unreadable(t.got)].filter((k) => k.startsWith(row))).toEqual([]);
      }
      expect(tried).toBe(4);
    });

  it('a blank inside a run of zeros: the zeros that could be the blank stay unreadable, the rest is read', async () => {
    let tried = 0;
    for (let seed = 1; seed < 80 && tried < 3; seed++) {
      const t = await withBlank(seed, 'txt-spaced-rows', (cells) => {
        for (const row of ['granted', 'newReceived', 'total', 'carriedOver'])
          for (let c = 1; c < 5; c++) {
            const v = (i: number) => cells[`t3.${row}.${T3_COLUMN_KEYS[i]}`];
            if (v(c) === 0 && v(c + 1) === 0 && v(c - 1)! > 0 && v(6)! > 0) return `t3.${row}.${T3_COLUMN_KEYS[c]}`;
          }
        return undefined;
      });
      if (!t) continue;
      tried++;
      const row = t.key.slice(0, t.key.lastIndexOf('.'));
      const flagged = unreadable(t.got);
      const doubtful = T3_COLUMN_KEYS.map((c) => `${row}.${c}`).filter((k) => flagged.has(k));
      expect(doubtful).toContain(t.key);
      expect(doubtful.length).toBeLessThan(7);
      // Never another number: each cell is the report's own or blank and flagged.
      for (const c of T3_COLUMN_KEYS) {
        const k = `${row}.${c}`;
        if (flagged.has(k)) expect(t.got.cells[k]).toBeNull();
        else expect(t.got.cells[k]).toBe(t.truth[k]);
      }
    }
    expect(tried).toBe(3);
  });

  it('a row whose blank cell the totals still count (a figure erased): read where the identities place the blank, with the figure its row total gives, never another number', async () => {
    const rng = new Rng(5);
    const r = validReport(rng, '2021');
    // Blank a non-zero cell without correcting the totals: the report is inconsistent.
    const key = T3_COLUMN_KEYS.slice(0, 6).map((c) => `t3.granted.${c}`).find((k) => r.cells[k]! > 0)!;
    r.cells[key] = null;
    finishExpected(r);
    const rendered = await PRESENTATIONS.find((x) => x.name === 'txt-spaced-rows')!.render(buildDoc(rng, r, []), rng);
    const got = (await parseBytes(rendered.bytes, 't.txt')) as Ok;
    const flagged = unreadable(got);
    // Each cell is the report's own (the blank blank), or blank and flagged; the blank is reported.
    for (const c of T3_COLUMN_KEYS) {
      const k = `t3.granted.${c}`;
      expect(got.cells[k] === r.cells[k] || (got.cells[k] === null && flagged.has(k))).toBe(true);
    }
    expect(got.cells[key]).toBeNull();
    expect(got.findings.some((f) => (f.rule === 'cell-missing' || f.rule === 'unreadable') && f.cells.includes(key))).toBe(true);
  });

  it('a row whose blank cell no figure fits (the totals inconsistent however it is read) stays unreadable', async () => {
    const rng = new Rng(5);
    const r = validReport(rng, '2021');
    const key = T3_COLUMN_KEYS.slice(0, 6).map((c) => `t3.granted.${c}`).find((k) => r.cells[k]! > 0)!;
    r.cells[key] = null;
    // And the row's printed total one more than its figures and the blank's place allow.
    r.cells['t3.granted.total'] = r.cells['t3.granted.total']! + 1;
    finishExpected(r);
    const rendered = await PRESENTATIONS.find((x) => x.name === 'txt-spaced-rows')!.render(buildDoc(rng, r, []), rng);
    const got = (await parseBytes(rendered.bytes, 't.txt')) as Ok;
    const flagged = unreadable(got);
    for (const c of T3_COLUMN_KEYS) {
      expect(got.cells[`t3.granted.${c}`]).toBeNull();
      expect(flagged.has(`t3.granted.${c}`)).toBe(true);
    }
  });
});

describe('a row short of a figure whose identities do not settle where the blank was (a figure erased, its row total kept: 0 0 0 0 0 3 and a blank)', () => {
  const parse = async (file: string, edit = (t: string) => t) => {
    const got = await parseBytes(new TextEncoder().encode(edit(readFileSync(path.join(DERIVED, 'zoo', file), 'utf8'))), file);
    if (!got.ok) throw new Error(got.failure.message);
    return got as Ok;
  };
  const rowOf = (row: string) => T3_COLUMN_KEYS.map((c) => `t3.${row}.${c}`);

  it.each([
    ['s63-000703-txt-cell-lines.txt', 'notProcessed.petitionComplaint'],
    ['s63-001078-txt-pipes.txt', 'carriedForward'],
  ])('%s: nothing of the row read, the blank reported among its cells', async (file, row) => {
    const got = await parse(file);
    const keys = rowOf(row);
    expect(keys.every((k) => got.cells[k] === null && unreadable(got).has(k))).toBe(true);
    const missing = got.findings.filter((f) => f.rule === 'cell-missing');
    expect(missing.map((f) => f.cells)).toEqual([keys]);
    expect(missing[0].message).toContain('中有 1 个空白');
  });

  it('no placement keeps the identities (the 3 printed as 4): nothing read, no cell-missing (a figure may be lost, not blank)', async () => {
    const got = await parse('s63-000703-txt-cell-lines.txt', (t) => t.replace('0\n0\n0\n0\n0\n3\n2.重复申请', '0\n0\n0\n0\n0\n4\n2.重复申请'));
    expect(rowOf('notProcessed.petitionComplaint').every((k) => got.cells[k] === null && unreadable(got).has(k))).toBe(true);
    expect(got.findings.filter((f) => f.rule === 'cell-missing')).toEqual([]);
  });
});
