/**
 * Pipe tables as other tools write them: GFM's shortest separator row (`|-|-|`), and pandas'
 * `to_markdown()` with its row numbers and a row of column numbers on top. Every cell reads as
 * from the plain table; a row of dashes under the first row is no row of zeros, and a row
 * number is never a figure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutRowNumbers } from '../../src/core/row-numbers.js';
import { parseBytes, type ParseOutcome } from '../../src/pipeline.js';
import { DERIVED } from '../helpers/paths.js';

type Ok = Extract<ParseOutcome, { ok: true }>;
const FILE = path.join(DERIVED, 'zoo', 's1-002104-txt-pandoc-gfm.md');
const SOURCE = readFileSync(FILE, 'utf8');
const TRUTH: Record<string, number | null> = JSON.parse(readFileSync(FILE.replace(/\.md$/, '.truth.json'), 'utf8')).cells;

async function parse(text: string): Promise<Ok> {
  const o = await parseBytes(new TextEncoder().encode(text), 'report.md');
  if (!o.ok) throw new Error(o.failure.message);
  return o;
}
const differing = (o: Ok) => Object.entries(TRUTH).filter(([k, v]) => o.cells[k] !== v).map(([k, v]) => `${k}: 应为 ${v}，读出 ${o.cells[k]}`);
const cellsOf = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|');

/** Each pipe table's lines rewritten by `f` (given the table's lines, separator included). */
function eachTable(text: string, f: (rows: string[]) => string[]): string {
  const out: string[] = [];
  let table: string[] = [];
  const flush = () => {
    if (table.length) out.push(...f(table));
    table = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim().startsWith('|')) table.push(line);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out.join('\n');
}
const isSeparator = (line: string) => /^\|(\s*:?-+:?\s*\|)+$/.test(line.trim());

describe('pipe tables written by other tools', () => {
  it('GFM\'s one-dash separator row (|-|-|) under the first row is a separator, not a row of zeros', async () => {
    const text = eachTable(SOURCE, (rows) => rows.map((l) => (isSeparator(l) ? `|${cellsOf(l).map(() => '-').join('|')}|` : l)));
    expect(text).toMatch(/^\|-\|-\|/m);
    expect(differing(await parse(text))).toEqual([]);
    // Without outer pipes too.
    const bare = eachTable(text, (rows) => rows.map((l) => l.trim().replace(/^\||\|$/g, '')));
    expect(bare).toMatch(/^-\|-\|/m);
    expect(differing(await parse(bare))).toEqual([]);
  });

  it('pandas\' to_markdown(): row numbers and column numbers are no figures', async () => {
    const text = eachTable(SOURCE, (rows) => {
      const body = rows.filter((l) => !isSeparator(l));
      const width = cellsOf(body[0]).length;
      return [`|    | ${Array.from({ length: width }, (_, i) => i).join(' | ')} |`, `|---:|${'---|'.repeat(width)}`, ...body.map((l, i) => `| ${i} ${l.trim()}`)];
    });
    expect(text).toMatch(/^\| \d+ \| 规章/m);
    expect(differing(await parse(text))).toEqual([]);
  });

  it('withoutRowNumbers drops the numbers only where every row counts up by one', () => {
    const g = (rows: string[][]) => rows.map((r) => r.map((text) => ({ text })));
    const numbered = g([['', '0', '1'], ['0', '规章', '0'], ['1', '行政规范性文件', '5'], ['2', '行政许可', '3']]);
    expect(withoutRowNumbers(numbered).map((r) => r.map((c) => c.text))).toEqual([['规章', '0'], ['行政规范性文件', '5'], ['行政许可', '3']]);
    // A gap in the count, or a label first: the table as it is.
    const gap = g([['1', '规章', '0'], ['2', '行政规范性文件', '5'], ['4', '行政许可', '3'], ['5', '行政处罚', '1']]);
    expect(withoutRowNumbers(gap)).toBe(gap);
    const plain = g([['规章', '0', '1'], ['行政规范性文件', '5', '2'], ['行政许可', '3', '3'], ['行政处罚', '1', '4']]);
    expect(withoutRowNumbers(plain)).toBe(plain);
  });

  it('equal neighbouring figures written with a unit (0件), in full-width digits or with a full-width comma are cells of their own, never one merged cell', async () => {
    const fullWidth = (t: string) => t.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    for (const write of [(n: string) => `${n}件`, fullWidth, (n: string) => (n.length > 3 ? `${n.slice(0, -3)}，${n.slice(-3)}` : n)]) {
      const text = eachTable(SOURCE, (rows) => rows.map((l) => (isSeparator(l) ? l : l.replace(/\| (\d+)(\s*)(?=\|)/g, (_, n: string, sp: string) => `| ${write(n)}${sp}`))));
      expect(differing(await parse(text))).toEqual([]);
    }
  });
});
