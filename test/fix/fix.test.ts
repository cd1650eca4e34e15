import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/json.js';
import { formatFixDiff, proposeFixes } from '../../src/fix/index.js';
import { parseBytes } from '../../src/pipeline.js';
import { toCanonical, type CanonicalReport } from '../../src/render/canonical.js';
import { defaultCells, makeReport } from '../helpers/report.js';
import { SEEDS } from '../helpers/paths.js';

const SEED_000 = path.join(SEEDS, '000_2790cd25742a97b3.txt');

async function seed000(): Promise<CanonicalReport> {
  const o = await parseBytes(readFileSync(SEED_000), SEED_000);
  if (!o.ok) throw new Error(o.failure.message);
  return toCanonical(JSON.parse(JSON.stringify(toJson(o))));
}

/** A clean, balanced report (test/helpers) as canonical JSON, with overrides. */
function clean(cells: Record<string, number | null> = {}): CanonicalReport {
  const r = makeReport();
  return toCanonical({ meta: r.meta, sections: r.sections, cells: { ...defaultCells('2021'), ...cells } });
}

describe('fix on seed 北宫镇 (000)', () => {
  it('moves the 结转下年度 figures into （七）总计 and sets 结转下年度 = 2, confirmed by the text', async () => {
    const r = await seed000();
    const { proposals, corrected } = proposeFixes(r);
    expect(proposals).toHaveLength(1);
    const p = proposals[0];
    expect(p.pattern).toBe('row-shift');
    expect(Object.fromEntries(p.changes.map((c) => [c.key, [c.from, c.to]]))).toEqual({
      't3.total.naturalPerson': [0, 22],
      't3.total.commercial': [0, 1],
      't3.total.total': [0, 23],
      't3.carriedForward.naturalPerson': [22, 2],
      't3.carriedForward.commercial': [1, 0],
      't3.carriedForward.total': [23, 2],
    });
    expect(p.evidence).toContain('结转下年度办理2件');
    expect(p.reason).toContain('勾稽关系');
    expect(corrected.cells['t3.carriedForward.naturalPerson']).toBe(2);
    expect(corrected.cells['t3.carriedForward.total']).toBe(2);
    // The original is untouched.
    expect(r.cells['t3.total.total']).toBe(0);
  });

  it('prints the changes as a diff with the reason', async () => {
    const text = formatFixDiff('000.txt', proposeFixes(await seed000()));
    expect(text).toContain('- 表三“（七）总计”行“自然人”列：0');
    expect(text).toContain('+ 表三“（七）总计”行“自然人”列：22');
    expect(text).toContain('+ 表三“四、结转下年度继续办理”行“总计”列：2');
    expect(text).toContain('# 印证：');
  });

  it('the corrected canonical JSON passes the table-三 checks', async () => {
    const { corrected } = proposeFixes(await seed000());
    const o = await parseBytes(new TextEncoder().encode(JSON.stringify(corrected)), 'fixed.json');
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.cells).toEqual(corrected.cells);
    expect(o.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual([]);
  });
});

describe('fix patterns', () => {
  it('proposes nothing on a clean report', () => {
    expect(proposeFixes(clean()).proposals).toEqual([]);
  });

  it('a total left blank while its parts are given becomes their sum', () => {
    const { proposals } = proposeFixes(clean({ 't3.granted.total': null, 't4.review.total': null }));
    const changes = proposals.flatMap((p) => p.changes);
    expect(changes).toEqual([
      { key: 't3.granted.total', from: null, to: 5 },
      { key: 't4.review.total', from: null, to: 2 },
    ]);
    expect(proposals.every((p) => p.pattern === 'blank-total')).toBe(true);
  });

  it('a blank total whose parts are not all given is left alone', () => {
    expect(proposeFixes(clean({ 't3.granted.total': null, 't3.granted.commercial': null })).proposals).toEqual([]);
  });

  it('a （七）总计 that added the 结转下年度 row is corrected when the 勾稽关系 confirms it', () => {
    // naturalPerson: outcomes sum to 6, carriedForward 1; the total was typed as 7.
    const { proposals } = proposeFixes(clean({ 't3.total.naturalPerson': 7 }));
    expect(proposals).toHaveLength(1);
    expect(proposals[0].pattern).toBe('wrong-rows-total');
    expect(proposals[0].changes).toEqual([{ key: 't3.total.naturalPerson', from: 7, to: 6 }]);
    expect(proposals[0].reason).toContain('多加了');
  });

  it('a row total that left out one column is corrected when the 总计 column confirms it', () => {
    // granted: 3,1,0,0,1,0 → 5; typed 4 (left out 商业企业).
    const { proposals } = proposeFixes(clean({ 't3.granted.total': 4 }));
    expect(proposals.map((p) => p.changes)).toEqual([[{ key: 't3.granted.total', from: 4, to: 5 }]]);
  });

  it('never fixes a total whose correction the report does not determine', () => {
    // A wrong total that matches no pattern.
    expect(proposeFixes(clean({ 't3.total.naturalPerson': 17 })).proposals).toEqual([]);
    // A pattern, but the 勾稽关系 does not confirm the parts (carriedForward disagrees too).
    expect(proposeFixes(clean({ 't3.total.naturalPerson': 7, 't3.carriedForward.naturalPerson': 0 })).proposals).toEqual([]);
  });

  it('a row shift whose 结转下年度 cannot be recomputed (本年新收 blank) is not proposed', async () => {
    const r = await seed000();
    r.cells['t3.newReceived.naturalPerson'] = null;
    expect(proposeFixes(r).proposals.filter((p) => p.pattern === 'row-shift')).toEqual([]);
  });

  it('the total typed into the last outcome row moves to （七）总计', () => {
    const cells: Record<string, number | null> = {};
    const vals = [6, 2, 0, 0, 1, 1, 10];
    ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total'].forEach((c, i) => {
      cells[`t3.other.other.${c}`] = vals[i];
      cells[`t3.total.${c}`] = 0;
    });
    const { proposals } = proposeFixes(clean(cells));
    expect(proposals).toHaveLength(1);
    expect(proposals[0].pattern).toBe('row-shift');
    const to = Object.fromEntries(proposals[0].changes.map((c) => [c.key, c.to]));
    expect(to['t3.total.total']).toBe(10);
    expect(to['t3.other.other.naturalPerson']).toBe(0);
  });
});
