import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/pipeline.js';
import { SEEDS } from '../helpers/paths.js';

/** Seed 001 (2023, tab rows) with its three （六） sub-rows replaced by the single 2019-style row. */
function withSingleOtherRow(values: string): string {
  const lines = readFileSync(path.join(SEEDS, '001_5f25c15575702d27.txt'), 'utf8').split('\n');
  const first = lines.findIndex((l) => l.includes('(六) 其他处理'));
  lines.splice(first, 3, `\t(六) 其他处理\t${values}`);
  return lines.join('\n');
}

describe('a 2021 report printing the single 2019-style （六）其他处理 row', () => {
  it('keeps the printed row as t3.other.total, leaves the sub-rows null, and says template-version', async () => {
    const o = await parseBytes(Buffer.from(withSingleOtherRow('0\t0\t0\t0\t0\t0\t0')), 'x.txt');
    if (!o.ok) throw new Error(o.failure.message);
    expect(o.meta.template).toBe('2021');
    expect(o.tables.t3.singleOtherRow).toBe(true);
    expect(o.cells['t3.other.total.total']).toBe(0);
    expect(o.cells['t3.other.noCorrection.total']).toBeNull();
    const rules = o.findings.map((f) => f.rule);
    expect(rules).toContain('template-version');
    expect(rules).not.toContain('cell-missing');
    expect(rules).not.toContain('table-missing');
    expect(rules).not.toContain('requests-outcome-total');
  });

  it('its figures count in （七）总计 in place of the sub-rows', async () => {
    // 1 in the single row while every total is 0: the outcome total is now wrong.
    const o = await parseBytes(Buffer.from(withSingleOtherRow('1\t0\t0\t0\t0\t0\t1')), 'x.txt');
    if (!o.ok) throw new Error(o.failure.message);
    const f = o.findings.filter((x) => x.rule === 'requests-outcome-total');
    expect(f.flatMap((x) => x.cells)).toContain('t3.other.total.total');
  });
});
