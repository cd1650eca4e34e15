import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/foreign-entity.js';
import { makeReport, run } from '../helpers/report.js';

describe('foreign-entity', () => {
  it('is silent on a township report speaking of itself', () => {
    expect(run(rule, makeReport({ extraLines: ['推动全镇政府信息公开工作再上新台阶。', '做好安全处置工作，健全处理机制，形成基本局面。'] }))).toEqual([]);
  });

  it('reports 全处 / 我局 in a township report, with the line', () => {
    const r = makeReport({ extraLines: ['各科室人员负责本科室信息公开，在全处形成了各司其职的整体联动机制。', '我局高度重视。'] });
    const f = run(rule, r);
    expect(f).toHaveLength(2);
    expect(f[0].severity).toBe('warning');
    expect(f[0].found).toBe('全处');
    expect(f[0].message).toContain('全处');
    expect(f[0].pos?.line).toBe(r.lines.length - 1);
    expect(f[1].found).toBe('我局');
  });

  it('ignores these words in a bureau report', () => {
    const lines = ['某县自然资源局2023年政府信息公开工作年度报告', '一、总体情况', '我局高度重视，全县政务公开工作有序推进。'];
    expect(run(rule, makeReport({ meta: { level: 'department', agency: '某县自然资源局' }, lines }))).toEqual([]);
  });

  it('reports a township\'s words in a bureau report', () => {
    const lines = ['某县自然资源局2023年政府信息公开工作年度报告', '一、总体情况', '我镇高度重视政务公开工作。'];
    const f = run(rule, makeReport({ meta: { level: 'department', agency: '某县自然资源局' }, lines }));
    expect(f).toHaveLength(1);
    expect(f[0].found).toBe('我镇');
    expect(f[0].pos).toEqual({ line: 3, column: 1, length: 2 });
  });

  it('reports a department\'s or a township\'s words in a county government\'s report', () => {
    const lines = ['某县人民政府2023年政府信息公开工作年度报告', '一、总体情况', '本局认真落实，全镇上下共同推进；全县政务公开工作有序开展。'];
    const f = run(rule, makeReport({ meta: { level: 'county', agency: '某县人民政府' }, lines }));
    expect(f.map((x) => x.found)).toEqual(['本局', '全镇']);
  });

  it('reports another township named in the title lines', () => {
    const f = run(rule, makeReport({ lines: ['柏香镇人民政府2023年政府信息公开工作年度报告', '一、总体情况'] }));
    expect(f).toHaveLength(1);
    expect(f[0].message).toContain('柏香镇人民政府');
    expect(f[0].message).toContain('示例镇人民政府');
    expect(run(rule, makeReport({ meta: { agency: '房县白鹤镇人民政府' }, lines: ['房县白鹤镇人民政府2023年政府信息公开工作年度报告'] }))).toEqual([]);
  });
});
