/**
 * A scanned table whose row label OCR could not read (its cell blank, with readings kept as
 * candidates): the row's cells are unreadable — our failure — not a row missing from the report.
 */
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/check/index.js';
import type { GridCell, SourceDocument } from '../../src/core/types.js';
import { extractReport } from '../../src/extract/index.js';

const cell = (text: string, extra: Partial<GridCell> = {}): GridCell => ({ text, pos: { page: 2 }, ...extra });
const row = (...texts: (string | GridCell)[]) => texts.map((t) => (typeof t === 'string' ? cell(t) : t));

function scan(punishmentLabel: GridCell, punishment: GridCell = cell('6', { colSpan: 3 }), coercion: GridCell[] = [cell('7', { colSpan: 3 })]): SourceDocument {
  const p = (text: string) => ({ kind: 'paragraph' as const, text, pos: { page: 1 } });
  return {
    format: 'image',
    lines: [],
    hints: {},
    readIssues: [],
    blocks: [
      p('某某镇人民政府2023年政府信息公开工作年度报告'),
      p('一、总体情况'),
      p('本年度全面推进政务公开。'),
      p('二、主动公开政府信息情况'),
      {
        kind: 'table',
        pos: { page: 2 },
        rows: [
          row(cell('第二十条第（一）项', { colSpan: 4 })),
          row('信息内容', '本年制发件数', '本年废止件数', '现行有效件数'),
          row('规章', '0', '0', '0'),
          row('行政规范性文件', '1', '2', '3'),
          row(cell('第二十条第（五）项', { colSpan: 4 })),
          row('信息内容', cell('本年处理决定数量', { colSpan: 3 })),
          row('行政许可', cell('4', { colSpan: 3 })),
          row(cell('第二十条第（六）项', { colSpan: 4 })),
          row('信息内容', cell('本年处理决定数量', { colSpan: 3 })),
          row(punishmentLabel, punishment),
          row('行政强制', ...coercion),
          row(cell('第二十条第（八）项', { colSpan: 4 })),
          row('信息内容', cell('本年收费金额（单位：万元）', { colSpan: 3 })),
          row('行政事业性收费', cell('0', { colSpan: 3 })),
        ],
      },
      p('三、收到和处理政府信息公开申请情况'),
    ],
  };
}

describe('a scanned row label OCR could not read', () => {
  it('leaves the row unreadable, not missing', () => {
    const r = extractReport(scan(cell('', { candidates: ['6', '8'] })), 'scan.png');
    expect(r.cells['t2.punishment.decisions']).toBeNull();
    expect(r.readIssues.some((i) => i.cells?.includes('t2.punishment.decisions'))).toBe(true);
    expect(r.tables.t2.missingRows).not.toContain('punishment');
    const findings = checkReport(r);
    expect(findings.find((f) => f.rule === 'table-missing' && f.cells.includes('t2.punishment.decisions'))).toBeUndefined();
    // The rows around it are read, or flagged (the unread label's figure stands before 行政强制).
    expect(r.cells['t2.licensing.decisions']).toBe(4);
    const coercion = r.cells['t2.coercion.decisions'];
    expect(coercion === 7 || (coercion === null && r.readIssues.some((i) => i.cells?.includes('t2.coercion.decisions')))).toBe(true);
  });

  it('a row really absent, with no doubtful cell, is still missing', () => {
    const doc = scan(cell('行政处罚'));
    if (doc.blocks[4].kind === 'table') doc.blocks[4].rows.splice(9, 1);
    const r = extractReport(doc, 'scan.png');
    expect(r.tables.t2.missingRows).toContain('punishment');
  });

  it('leaves a row with nothing after its label unreadable when the row above holds only doubts (the rule between them lost in the figure columns)', () => {
    // seed 77/000001 at 150 dpi: the figure cells of (二)部分公开 span down over 1.属于国家秘密,
    // two lines of figures each (doubts without candidates); the second row had only its label.
    const r = extractReport(scan(cell('行政处罚'), cell('', { colSpan: 3, rowSpan: 2, candidates: [] }), []), 'scan.png');
    expect(r.cells['t2.punishment.decisions']).toBeNull();
    expect(r.cells['t2.coercion.decisions']).toBeNull();
    const issue = r.readIssues.find((i) => i.cells?.includes('t2.coercion.decisions'));
    expect(issue?.message).toContain('上一行“行政处罚”的数字都无法识别');
    const findings = checkReport(r);
    expect(findings.find((f) => f.rule === 'cell-missing' && f.cells.includes('t2.coercion.decisions'))).toBeUndefined();
    // A row below a row read whole is left as it is (blank cells are the report's own).
    const whole = extractReport(scan(cell('行政处罚'), cell('6', { colSpan: 3 }), []), 'scan.png');
    expect(whole.readIssues.find((i) => i.cells?.includes('t2.coercion.decisions'))).toBeUndefined();
  });
});

describe('a scanned section heading OCR could not read', () => {
  /** The scan above, its cells read from a page at 200 dpi, without the heading 二 (OCR lost it). */
  function withoutHeading(dpi: number | undefined): SourceDocument {
    const doc = scan(cell('行政处罚'));
    doc.blocks = doc.blocks.filter((b) => !(b.kind === 'paragraph' && b.text.startsWith('二、')));
    for (const b of doc.blocks) if (b.kind === 'table') for (const r of b.rows) for (const c of r) c.pos = { ...c.pos, ...(dpi ? { box: [1, 2, 3, 4], dpi } : {}) };
    return doc;
  }

  it('is an unreadable heading, not a missing section, when its table was read from the scan', () => {
    const r = extractReport(withoutHeading(200), 'scan.png');
    expect(r.sections.map((s) => s.key)).not.toContain('proactive');
    expect(r.readIssues.find((i) => i.code === 'heading-unreadable')?.section).toBe('proactive');
    const findings = checkReport(r);
    // (The fixture has no sections after 三: those are missing, as they should be.)
    expect(findings.find((f) => f.rule === 'section-missing' && /二、/.test(f.message))).toBeUndefined();
    expect(findings.find((f) => f.unreadable && /第二部分的标题/.test(f.message))).toBeDefined();
  });

  it('is a missing section in a report read as text (the table has no pixel box)', () => {
    const r = extractReport(withoutHeading(undefined), 'report.docx');
    expect(r.readIssues.find((i) => i.code === 'heading-unreadable')).toBeUndefined();
    expect(checkReport(r).find((f) => f.rule === 'section-missing' && /二、/.test(f.message))?.message).toContain('二、主动公开政府信息情况');
  });
});
