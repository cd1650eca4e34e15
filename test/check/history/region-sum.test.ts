import { describe, expect, it } from 'vitest';
import rule from '../../../src/check/history/region-sum.js';
import { runHistoryRule } from '../../../src/check/history/index.js';
import { fromFile, REAL, withCells } from './helpers.js';

describe('region-sum', () => {
  it('valid: the consolidated report equals its members’ sum', async () => {
    const m = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const sum: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(m.cells)) sum[k] = v === null ? null : v * 2;
    const whole = withCells(m, sum, { consolidated: true } as never);
    expect(runHistoryRule(rule, { report: whole, previous: null, candidates: [], members: [m, { ...m, id: 5000 }] })).toEqual([]);
  });

  it('invalid: a difference is reported with both figures and the difference', async () => {
    const m = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    const sum: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(m.cells)) sum[k] = v === null ? null : v * 2;
    sum['t3.newReceived.total'] = (sum['t3.newReceived.total'] ?? 0) + 5;
    const whole = withCells(m, sum);
    const f = runHistoryRule(rule, { report: whole, previous: null, candidates: [], members: [m, { ...m, id: 5001 }] });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ rule: 'region-sum', severity: 'warning', cells: ['t3.newReceived.total'], expected: 148, found: 153 });
    expect(f[0].message).toMatch(/下属 2 个机关报告之和为 148，相差 \+5/);
  });

  it('silent without members', async () => {
    const m = await fromFile(`${REAL}/pingtan-2022-flattened.txt`);
    expect(runHistoryRule(rule, { report: m, previous: null, candidates: [], members: null })).toEqual([]);
    expect(runHistoryRule(rule, { report: m, previous: null, candidates: [], members: [] })).toEqual([]);
  });
});
