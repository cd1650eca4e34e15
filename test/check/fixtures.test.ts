/**
 * The rules on the shared fixtures (cells and meta from expected.json, text from the
 * source): no error beyond the expected ones, every expected error and warning found.
 */
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/check/index.js';
import type { Finding } from '../../src/core/types.js';
import { fixtureNames, loadFixture } from '../helpers/fixtures.js';

function covers(findings: Finding[], exp: { rule: string; cells?: string[] }): boolean {
  const of = findings.filter((f) => f.rule === exp.rule);
  if (of.length === 0) return false;
  const cells = new Set(of.flatMap((f) => f.cells));
  return (exp.cells ?? []).every((c) => cells.has(c));
}

describe('shared fixtures', () => {
  for (const { dir, name } of fixtureNames()) {
    it(`${dir}/${name}`, async () => {
      const { report, expected } = await loadFixture(dir, name);
      const findings = checkReport(report);
      const errors = findings.filter((f) => f.severity === 'error');
      const allowed = new Set(expected.errors.map((e) => e.rule));
      expect(errors.filter((e) => !allowed.has(e.rule)).map((e) => `${e.rule}: ${e.message}`)).toEqual([]);
      for (const e of expected.errors) expect(covers(errors, e), `${e.rule} ${JSON.stringify(e.cells)}`).toBe(true);
      for (const w of expected.warnings) expect(covers(findings, w), `${w.rule} ${JSON.stringify(w.cells)}`).toBe(true);
      // Conservative text rules: nothing on the clean reports.
      if (/^(001|004)_|pingtan|huaian/.test(name)) expect(findings.filter((f) => f.rule === 'text-table-mismatch')).toEqual([]);
      // foreign-entity fires only on seed 002 (“在全处形成了…” in a 镇 report, the catalogue's own example).
      const fe = findings.filter((f) => f.rule === 'foreign-entity');
      if (name.startsWith('002_')) expect(fe.map((f) => f.found)).toEqual(['全处']);
      else expect(fe).toEqual([]);
      if (/pingtan|huaian|shanghai/.test(name)) expect(findings.filter((f) => f.rule === 'published-late')).toEqual([]);
    });
  }

  it('Shanghai 2019: at least one text-table-mismatch on table 四', async () => {
    const { report } = await loadFixture('real', 'shanghai-bgt-2019');
    const f = checkReport(report).filter((x) => x.rule === 'text-table-mismatch');
    expect(f.length).toBeGreaterThanOrEqual(1);
    expect(f[0].cells).toContain('t4.review.upheld');
  });

  it('seed 000: row-shift explains the requests-outcome-total errors', async () => {
    const { report } = await loadFixture('seeds', '000_2790cd25742a97b3');
    const f = checkReport(report).filter((x) => x.rule === 'row-shift');
    expect(f).toHaveLength(1);
    expect(f[0].cells).toContain('t3.carriedForward.total');
    expect(f[0].message).toContain('22、1、0、0、0、0、23');
  });
});
