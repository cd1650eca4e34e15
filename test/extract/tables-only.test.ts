/**
 * A report of its tables only, no headings (Gnumeric's HTML import keeps a web page's tables and
 * drops its paragraphs; a spreadsheet of the three tables): each table is read from its own labels
 * on, not from the start of the text, where another table's figures would stand before its rows.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes, type ParseOutcome } from '../../src/pipeline.js';
import { DERIVED } from '../helpers/paths.js';

type Ok = Extract<ParseOutcome, { ok: true }>;
const name = 'p229-000000-gnumeric-tables-only';
const file = path.join(DERIVED, 'zoo', `${name}.csv`);
const truth = (JSON.parse(readFileSync(path.join(DERIVED, 'zoo', `${name}.truth.json`), 'utf8')) as { cells: Record<string, number | null> }).cells;

describe('a report of its three tables only', () => {
  it('reads every cell of the three tables', async () => {
    const got = (await parseBytes(readFileSync(file), file)) as Ok;
    expect(got.ok).toBe(true);
    expect(Object.keys(truth).filter((k) => got.cells[k] !== truth[k])).toEqual([]);
    expect(got.findings.map((f) => f.rule)).not.toContain('table-missing');
  });

  it('says the sections are missing (they are), and nothing of the tables', async () => {
    const got = (await parseBytes(readFileSync(file), file)) as Ok;
    const errors = got.findings.filter((f) => f.severity === 'error').map((f) => f.rule);
    expect(new Set(errors)).toEqual(new Set(['section-missing']));
  });

  it('one table alone, table 三, is read too', async () => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const from = lines.findIndex((l) => l.includes('本列数据的勾稽关系'));
    const to = lines.findIndex((l) => l.startsWith('行政复议'));
    const got = (await parseBytes(new TextEncoder().encode(lines.slice(from, to).join('\n')), 'x.csv')) as Ok;
    expect(got.ok).toBe(true);
    const t3 = Object.keys(truth).filter((k) => k.startsWith('t3.'));
    expect(t3.filter((k) => got.cells[k] !== truth[k])).toEqual([]);
  });
});
