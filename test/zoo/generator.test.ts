/** The zoo's own correctness: valid reports are valid, each defect yields exactly the findings recorded for it, generation is deterministic. */
import { describe, expect, it } from 'vitest';
import { TEMPLATES, cellDefs } from '../../src/core/template.js';
import { DEFECTS, arithmeticFindings, finishExpected, injectDefect, validReport } from './canonical.js';
import { makeDoc } from './corpus.js';
import { PRESENTATIONS } from './present.js';
import { Rng } from './rng.js';

describe('zoo generator', () => {
  it('makes valid reports: every identity holds, no 规章 without rule-making power, every cell filled', () => {
    for (let s = 1; s <= 300; s++) {
      const r = validReport(new Rng(s));
      expect(arithmeticFindings(r.template, r.cells), `seed ${s}`).toEqual([]);
      for (const d of cellDefs(r.template)) expect(r.cells[d.key], `${d.key} seed ${s}`).not.toBeNull();
      if (r.level !== 'city' && r.level !== 'province') for (const k of Object.keys(r.cells).filter((k) => k.startsWith('t2.regulations.'))) expect(r.cells[k]).toBe(0);
      expect(r.sections.map((x) => x.key)).toEqual(TEMPLATES[r.template].sections.map((x) => x.key));
      expect(r.title).toContain(`${r.year}年`);
    }
  });

  it('records what each injected defect must produce', () => {
    const seen = new Set<string>();
    for (let s = 1; s <= 400; s++) {
      const rng = new Rng(s);
      const r = validReport(rng);
      const d = DEFECTS[s % DEFECTS.length];
      if (!injectDefect(rng, r, d)) continue;
      seen.add(d);
      finishExpected(r);
      expect(r.expected.length, `${d} seed ${s}`).toBeGreaterThan(0);
      const arithmetic = ['balance', 'row-total', 'outcome-total', 'appeals-total'];
      const rules = r.expected.map((e) => e.rule);
      if (d === 'balance') expect(rules).toContain('requests-balance');
      if (d === 'row-total') expect(rules).toContain('requests-row-total');
      if (d === 'outcome-total') expect(rules).toContain('requests-outcome-total');
      if (d === 'appeals-total') expect(rules).toContain('appeals-total');
      // A defect that is not arithmetic leaves the arithmetic intact.
      if (!arithmetic.includes(d) && d !== 'fee-unpaid-without-notice') expect(rules.filter((x) => /^(requests|appeals)-/.test(x)), `${d} seed ${s}`).toEqual([]);
    }
    expect([...seen].sort()).toEqual([...DEFECTS].sort());
  });

  it('is deterministic from the seed', async () => {
    for (let i = 0; i < PRESENTATIONS.length; i++) {
      const a = await makeDoc({ seed: 5 }, i);
      const b = await makeDoc({ seed: 5 }, i);
      expect(a.truth).toEqual(b.truth);
      if (a.rendered.ext !== 'docx') expect(Buffer.from(a.rendered.bytes).equals(Buffer.from(b.rendered.bytes))).toBe(true);
    }
  });
});
