/**
 * The store loads only the cells and sections the history rules declare (HistoryRule.reads): a
 * rule that read anything else would silently see it missing. Each rule runs here on real reports
 * in every context it uses (previous year, candidates, members), with every key it touches recorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkHistory, HISTORY_READS, HISTORY_RULES, type HistoryContext, type HistoryReport } from '../../../src/check/history/index.js';
import { SEEDS } from '../../helpers/paths.js';
import { fromFile, withCells } from './helpers.js';

/** The report with its cells and sections behind proxies that note every key read. */
function watched(r: HistoryReport, seen: { cells: Set<string>; sections: Set<string> }): HistoryReport {
  const watch = <T extends object>(o: T, into: Set<string>) =>
    new Proxy(o, {
      get: (t, k, recv) => (typeof k === 'string' && into.add(k), Reflect.get(t, k, recv)),
      has: (t, k) => (typeof k === 'string' && into.add(k), Reflect.has(t, k)),
    });
  return { ...r, cells: watch(r.cells, seen.cells), sections: watch(r.sections, seen.sections) };
}

function only<T>(o: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => keys.includes(k)));
}

describe('history rules read only what they declare', async () => {
  const files = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().slice(0, 4).map((f) => path.join(SEEDS, f));
  const reports = await Promise.all(files.map((f) => fromFile(f)));
  const me = reports[0];
  // Every context the rules use: last year's report with other figures (so comparisons go on past the
  // first key), a candidate with the same prose from another agency, the members of a region.
  const shifted = (r: HistoryReport, year: number | null, agencyId: number) =>
    withCells(r, Object.fromEntries(Object.entries(r.cells).map(([k, v]) => [k, v === null ? null : v + 1])), { year, agencyId });
  const contexts: HistoryContext[] = [
    { report: me, previous: shifted(me, me.year === null ? null : me.year - 1, 1), candidates: [shifted(me, me.year, 2), ...reports.slice(1)], members: null },
    { report: { ...me, region: '某市' }, previous: null, candidates: [], members: reports.slice(1).map((r, i) => shifted(r, me.year, 10 + i)) },
  ];

  it.each(HISTORY_RULES.map((r) => [r.meta.id, r] as const))('%s', (_id, rule) => {
    const seen = { cells: new Set<string>(), sections: new Set<string>() };
    for (const ctx of contexts) {
      const w = (r: HistoryReport) => watched(r, seen);
      rule.check({ report: w(ctx.report), previous: ctx.previous && w(ctx.previous), candidates: ctx.candidates.map(w), members: ctx.members && ctx.members.map(w) });
    }
    expect(seen.cells.size + seen.sections.size).toBeGreaterThan(0); // the contexts reach the rule's reading
    for (const k of seen.cells) expect(rule.reads.cells, `cell ${k}`).toContain(k);
    for (const k of seen.sections) expect(rule.reads.sections, `section ${k}`).toContain(k);
  });

  it('the findings from reports cut down to the declared keys are the findings from whole reports', () => {
    const cut = (r: HistoryReport): HistoryReport => ({ ...r, cells: only(r.cells, HISTORY_READS.cells), sections: only(r.sections, HISTORY_READS.sections) });
    let findings = 0;
    for (const ctx of contexts) {
      const whole = checkHistory(ctx);
      findings += whole.length;
      expect(checkHistory({ report: cut(ctx.report), previous: ctx.previous && cut(ctx.previous), candidates: ctx.candidates.map(cut), members: ctx.members && ctx.members.map(cut) })).toEqual(whole);
    }
    expect(findings).toBeGreaterThan(0);
  });
});
