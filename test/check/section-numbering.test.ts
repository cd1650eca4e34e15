import { describe, expect, it } from 'vitest';
import rule, { numberingOk } from '../../src/check/rules/section-numbering.js';
import { makeReport, run } from '../helpers/report.js';

describe('section-numbering', () => {
  it('accepts 一、 一. 一． and unnumbered headings', () => {
    expect(run(rule, makeReport())).toEqual([]);
    expect(run(rule, makeReport({ sections: { overview: { numbering: '一.' }, proactive: { numbering: '二．' }, requests: { numbering: '' } } }))).toEqual([]);
    expect(numberingOk('一 、', '一')).toBe(true);
  });

  it('reports each misnumbered heading (seed 000: 一,2,3,四,4,六)', () => {
    const f = run(rule, makeReport({ sections: { proactive: { numbering: '2、' }, requests: { numbering: '3、' }, problems: { numbering: '4、' } } }));
    expect(f).toHaveLength(3);
    expect(f[0].message).toContain('“2、”');
    expect(f[0].message).toContain('应为“二、”');
    expect(f[2].message).toContain('应为“五、”');
    expect(f[2].pos).toEqual({ line: expect.any(Number) });
  });

  it('rejects （一） as a section number', () => {
    const f = run(rule, makeReport({ sections: { overview: { numbering: '（一）' } } }));
    expect(f).toHaveLength(1);
    expect(f[0].expected).toBe('一、');
  });

  it('says nothing of a scanned heading whose numeral OCR lost (only 、 read), but reports a numeral read wrong on a scan', () => {
    const scanned = (numbering: string) => {
      const r = makeReport({ sections: { problems: { numbering } } });
      r.sections.find((s) => s.key === 'problems')!.pos = { page: 6, box: [120, 300, 900, 340], dpi: 200 };
      return r;
    };
    expect(run(rule, scanned('、'))).toEqual([]);
    expect(run(rule, makeReport({ sections: { problems: { numbering: '、' } } }))).toHaveLength(1);
    expect(run(rule, scanned('4、'))).toHaveLength(1);
  });
});
