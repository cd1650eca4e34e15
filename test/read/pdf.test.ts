import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../src/extract/index.js';
import { parseBytes } from '../../src/pipeline.js';
import '../../src/read/formats.js';
import { readDocument } from '../../src/read/index.js';
import { LIMITS } from '../../src/core/limits.js';
import { pdfDateToIso, readPdf } from '../../src/read/pdf.js';

const FIXTURE = new URL('../fixtures/real/huaian-city-2024.pdf', import.meta.url);
const EXPECTED = new URL('../fixtures/real/huaian-city-2024.expected.json', import.meta.url);
const FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FONT_NAME = 'NotoSansCJKsc-Regular';

function render(build: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, ...options });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    build(doc);
    doc.end();
  });
}

describe('PDF reader: Huaian fixture (6-page WPS PDF)', () => {
  it.runIf(existsSync(FIXTURE))('extracts every cell and the meta exactly', async () => {
    const buf = readFileSync(FIXTURE);
    const expected = JSON.parse(readFileSync(EXPECTED, 'utf8')) as { cells: Record<string, number | null>; meta: Record<string, unknown> };
    const doc = await readDocument(buf, 'huaian-city-2024.pdf');
    const r = extractReport(doc, 'huaian-city-2024.pdf');
    const wrong = Object.entries(expected.cells).filter(([k, v]) => r.cells[k] !== v).map(([k, v]) => `${k}: ${r.cells[k]} ≠ ${v}`);
    expect(wrong).toEqual([]);
    expect(Object.keys(expected.cells).length).toBeGreaterThanOrEqual(200);
    expect(r.meta.agency).toBe('淮安市人民政府');
    expect(r.meta.year).toBe(2024);
    expect(r.meta.template).toBe('2021');
    expect(r.meta.level).toBe('city');
    expect(r.meta.publishedAt).toBeNull();
    expect(r.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'problems', 'other']);
    expect(r.readIssues).toEqual([]);
    expect(doc.hints.createdAt).toBe('2025-02-25T10:02:50+08:00');
  });

  it.runIf(existsSync(FIXTURE))('drops page numbers, keeps lines and positions', async () => {
    const buf = readFileSync(FIXTURE);
    const doc = await readPdf(buf, 'huaian-city-2024.pdf');
    expect(doc.lines.some((l) => /^\s*-\s*\d+\s*-\s*$/.test(l))).toBe(false);
    // Tables come from the drawn rules: a group label is one cell spanning its rows, never
    // inside a value column; each row holds its label and its own seven figures.
    expect(doc.lines).toContain('2.其他法律行政法规禁止公开\t30\t1\t0\t0\t0\t0\t31');
    const grid = doc.blocks.find((b) => b.kind === 'table' && b.rows.some((r) => r.some((c) => c.text === '三、本年度办理结果')));
    const group = grid?.kind === 'table' ? grid.rows.flat().find((c) => c.text === '三、本年度办理结果') : undefined;
    expect(group?.rowSpan).toBeGreaterThan(5);
    expect(doc.lines).toContain('行政事业性收费\t96171.6');
    for (const b of doc.blocks) {
      const cells = b.kind === 'paragraph' ? [b] : b.rows.flat();
      for (const c of cells) {
        expect(c.pos.page).toBeGreaterThanOrEqual(1);
        expect(typeof c.pos.x).toBe('number');
        expect(typeof c.pos.y).toBe('number');
        expect(doc.lines[c.pos.line! - 1]).toBeDefined();
      }
    }
    const row = doc.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : [])).find((r) => r.some((c) => c.text === '3985758'))!;
    expect(row[0].text).toBe('行政处罚');
    expect(row[0].pos.page).toBe(4);
    expect(doc.lines[row[0].pos.line! - 1]).toBe('行政处罚\t3985758');
  });
});

// ---------------------------------------------------------------- a generated report

const T3_ROWS: { key: string; label: string; group?: string }[] = [
  { key: 'newReceived', label: '一、本年新收政府信息公开申请数量' },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量' },
  { key: 'granted', label: '（一）予以公开', group: 'g3' },
  { key: 'partialGrant', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', group: 'g3' },
  ...['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项'].map((label, i) => ({
    key: `denied.${['stateSecret', 'lawForbidden', 'safetyStability', 'thirdPartyRights', 'internalAffairs', 'processInfo', 'enforcementFile', 'adminQuery'][i]}`,
    label,
    group: '（三）不予公开',
  })),
  { key: 'unable.notHeld', label: '1.本机关不掌握相关政府信息', group: '（四）无法提供' },
  { key: 'unable.needsCreation', label: '2.没有现成信息需要另行制作', group: '（四）无法提供' },
  { key: 'unable.unclearAfterCorrection', label: '3.补正后申请内容仍不明确', group: '（四）无法提供' },
  ...['1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息'].map((label, i) => ({
    key: `notProcessed.${['petitionComplaint', 'duplicate', 'publication', 'massiveRepeated', 'confirmOrReissue'][i]}`,
    label,
    group: '（五）不予处理',
  })),
  { key: 'other.noCorrection', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', group: '（六）其他处理' },
  { key: 'other.feeUnpaid', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', group: '（六）其他处理' },
  { key: 'other.other', label: '3.其他', group: '（六）其他处理' },
  { key: 'total', label: '（七）总计', group: 'g3' },
  { key: 'carriedForward', label: '四、结转下年度继续办理' },
];
const T3_COLS = ['naturalPerson', 'commercial', 'research', 'socialWelfare', 'legalService', 'otherOrg', 'total'];
/** Cells left blank in the generated table (must come out null, never shifted). */
const BLANKS = new Set(['t3.denied.adminQuery.research', 't3.notProcessed.duplicate.commercial', 't3.other.other.naturalPerson']);

function t3Values(): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  T3_ROWS.forEach((r, ri) => {
    let sum = 0;
    T3_COLS.slice(0, 6).forEach((c, ci) => {
      const key = `t3.${r.key}.${c}`;
      if (BLANKS.has(key)) return void (out[key] = null);
      const v = ri === 0 && ci === 0 ? 12345 : (ri * 7 + ci * 3) % 13;
      out[key] = v;
      sum += v;
    });
    out[`t3.${r.key}.total`] = sum;
  });
  return out;
}

const T4_VALUES = [3, 1, 0, 2, 6, 4, null, 1, 0, 5, 0, 0, 1, 0, 1];
const T4_KEYS = ['review', 'suitDirect', 'suitAfterReview'].flatMap((g) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `t4.${g}.${c}`));

async function generatedReport(): Promise<Uint8Array> {
  const values = t3Values();
  return render((doc) => {
    doc.font(FONT, FONT_NAME);
    const page = { n: 1 };
    const runningHeader = () => doc.fontSize(9).text('某某县人民政府办公室', 50, 25, { lineBreak: false });
    const footer = () => doc.fontSize(10).text(`- ${page.n} -`, 280, 800, { lineBreak: false });
    const heading = (t: string, y: number) => doc.fontSize(14).text(t, 60, y, { lineBreak: false });
    const prose = (t: string, y: number) => doc.fontSize(11).text(t, 60, y, { lineBreak: false });
    runningHeader();
    doc.fontSize(18).text('某某县人民政府', 220, 60, { lineBreak: false });
    doc.fontSize(18).text('2024年政府信息公开工作年度报告', 150, 85, { lineBreak: false });
    heading('一、总体情况', 125);
    prose('2024年，本县认真贯彻落实《中华人民共和国政府信息公开条例》。', 148);
    heading('二、主动公开政府信息情况', 175);
    // Table 二, first block only, as a grid.
    const t2y = 198;
    const grid = (x: number[], y: number[]) => {
      doc.lineWidth(0.5);
      for (const yy of y) doc.moveTo(x[0], yy).lineTo(x.at(-1)!, yy).stroke();
      for (const xx of x) doc.moveTo(xx, y[0]).lineTo(xx, y.at(-1)!).stroke();
    };
    doc.fontSize(9);
    grid([50, 250, 340, 430, 520], [t2y, t2y + 20, t2y + 40, t2y + 60]);
    [['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'], ['规章', '0', '0', '0'], ['行政规范性文件', '3', '', '12']].forEach((row, ri) =>
      row.forEach((t, ci) => t && doc.text(t, [55, 255, 345, 435][ci], t2y + 6 + ri * 20, { lineBreak: false })),
    );

    heading('三、收到和处理政府信息公开申请情况', 280);
    // Table 三: label area 50–250 (vertical group column 50–66, group column 66–116), 7 value columns of 40.
    const colX = [250, 290, 330, 370, 410, 450, 490, 530];
    let y = 305;
    doc.fontSize(7);
    doc.text('（本列数据的勾稽关系为：第一项加第二项之和，', 54, y + 4, { lineBreak: false });
    doc.text('等于第三项加第四项之和）', 54, y + 14, { lineBreak: false });
    doc.text('申请人情况', 370, y + 6, { lineBreak: false });
    doc.text('自然人', 259, y + 30, { lineBreak: false });
    doc.text('法人或其他组织', 345, y + 24, { lineBreak: false });
    doc.text('总计', 502, y + 30, { lineBreak: false });
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].forEach((t, i) => doc.text(t, colX[i + 1] + 2, y + 38, { lineBreak: false, width: 38 }));
    grid([50, 250, 530], [y, y + 20]);
    grid([50, ...colX], [y + 20, y + 56]);
    y += 56;
    const rowH = (r: (typeof T3_ROWS)[number]) => (r.label.length > 18 ? 30 : 20);
    const splitAt = T3_ROWS.findIndex((r) => r.key === 'unable.needsCreation');
    const groupSpans = new Map<string, { top: number; bottom: number; page: number }[]>();
    T3_ROWS.forEach((r, ri) => {
      if (ri === splitAt) {
        footer();
        doc.addPage();
        page.n++;
        doc.font(FONT, FONT_NAME);
        runningHeader();
        y = 60;
      }
      const h = rowH(r);
      const labelX = r.group === undefined ? 54 : r.group === 'g3' ? 70 : 120;
      doc.fontSize(7);
      const lines = r.label.length > 18 ? [r.label.slice(0, 16), r.label.slice(16, 32), r.label.slice(32)].filter(Boolean) : [r.label];
      lines.forEach((t, i) => doc.text(t, labelX, y + (h - lines.length * 9) / 2 + i * 9, { lineBreak: false }));
      T3_COLS.forEach((c, ci) => {
        const v = values[`t3.${r.key}.${c}`];
        if (v === null) return;
        const s = String(v);
        doc.text(s, colX[ci] + 20 - s.length * 2, y + (h - 7) / 2, { lineBreak: false });
      });
      for (const g of [r.group, r.group && r.group !== 'g3' ? 'g3' : undefined]) {
        if (!g) continue;
        const spans = groupSpans.get(g) ?? [];
        const last = spans.at(-1);
        if (last && last.page === page.n && last.bottom === y) last.bottom = y + h;
        else spans.push({ top: y, bottom: y + h, page: page.n });
        groupSpans.set(g, spans);
      }
      grid([r.group === undefined ? 50 : r.group === 'g3' ? 66 : 116, 250, ...colX.slice(1)], [y, y + h]);
      y += h;
      // Group labels once the group's last row on this page is drawn.
      const next = T3_ROWS[ri + 1];
      for (const g of groupSpans.keys()) {
        const ends = !next || ri + 1 === splitAt || (g === 'g3' ? next.group === undefined : next.group !== g);
        const span = groupSpans.get(g)!.at(-1)!;
        if (!ends || span.page !== page.n || span.bottom !== y) continue;
        if (g === 'g3') {
          // Printed vertically, one character per line (only on the first page of the table).
          if (page.n === 1) {
            const chars = [...'三、本年度办理结果'].reduce<string[]>((a, ch) => (ch === '、' ? (a[a.length - 1] += ch, a) : [...a, ch]), []);
            const top = (span.top + span.bottom) / 2 - (chars.length * 12) / 2;
            chars.forEach((ch, i) => doc.text(ch, 53, top + i * 12, { lineBreak: false }));
          }
        } else {
          const mid = (span.top + span.bottom) / 2;
          const name = g.replace(/^（.）/, (m) => m);
          doc.text(name.slice(0, 4), 70, mid - 9, { lineBreak: false });
          doc.text(name.slice(4), 70, mid, { lineBreak: false });
        }
      }
    });

    heading('四、政府信息公开行政复议、行政诉讼情况', y + 20);
    y += 45;
    doc.fontSize(7);
    const t4x = Array.from({ length: 15 }, (_, i) => 50 + i * 32);
    doc.text('行政复议', 110, y + 4, { lineBreak: false });
    doc.text('行政诉讼', 370, y + 4, { lineBreak: false });
    doc.text('未经复议直接起诉', 235, y + 18, { lineBreak: false });
    doc.text('复议后起诉', 395, y + 18, { lineBreak: false });
    ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].forEach((t, i) => {
      for (let g = 0; g < 3; g++) {
        const x = t4x[g * 5 + i] + 4;
        if (t.length === 4) {
          doc.text(t.slice(0, 2), x, y + 32, { lineBreak: false });
          doc.text(t.slice(2), x, y + 41, { lineBreak: false });
        } else doc.text(t, x, y + 36, { lineBreak: false });
      }
    });
    grid([...t4x, 530], [y + 28, y + 52, y + 72]);
    T4_VALUES.forEach((v, i) => v !== null && doc.text(String(v), t4x[i] + 12, y + 58, { lineBreak: false }));
    y += 90;
    heading('五、存在的主要问题及改进情况', y);
    prose('政策解读质量仍需提升。', y + 22);
    heading('六、其他需要报告的事项', y + 50);
    prose('本年度未收取信息处理费。', y + 72);
    footer();
  });
}

describe('PDF reader: generated report (pdfkit, Noto CJK)', () => {
  it.runIf(existsSync(FONT))('reads table 三 across two pages, with blanks, wrapped and vertical labels', async () => {
    const pdf = await generatedReport();
    if (process.env.DUMP_PDF) (await import('node:fs')).writeFileSync(process.env.DUMP_PDF, pdf);
    const doc = await readDocument(pdf, 'generated.pdf');
    const r = extractReport(doc, 'generated.pdf');
    expect(r.meta.agency).toBe('某某县人民政府');
    expect(r.meta.year).toBe(2024);
    expect(r.sections.map((s) => s.key)).toEqual(['overview', 'proactive', 'requests', 'appeals', 'problems', 'other']);
    const expected = t3Values();
    const wrong = Object.entries(expected).filter(([k, v]) => r.cells[k] !== v).map(([k, v]) => `${k}: ${r.cells[k]} ≠ ${v}`);
    expect(wrong).toEqual([]);
    expect(r.cells['t3.newReceived.naturalPerson']).toBe(12345);
    for (const k of BLANKS) expect(r.cells[k]).toBeNull();
    expect([r.cells['t2.regulations.made'], r.cells['t2.regulations.repealed'], r.cells['t2.regulations.valid']]).toEqual([0, 0, 0]);
    expect([r.cells['t2.normativeDocs.made'], r.cells['t2.normativeDocs.repealed'], r.cells['t2.normativeDocs.valid']]).toEqual([3, null, 12]);
    expect(T4_KEYS.map((k) => r.cells[k])).toEqual(T4_VALUES);
    // Running header and page numbers are gone.
    expect(doc.lines.some((l) => l.includes('某某县人民政府办公室') || /^- \d -$/.test(l))).toBe(false);
    expect(r.readIssues).toEqual([]);
  });
});

// ---------------------------------------------------------------- failures

describe('PDF reader: failures', () => {
  it('a scanned PDF (no text layer) → scanned-pdf', async () => {
    const pdf = await render((doc) => {
      doc.rect(50, 50, 495, 700).fill('#eeeeee');
      for (let i = 0; i < 30; i++) doc.rect(70, 80 + i * 20, 300 + (i % 5) * 30, 8).fill('#333333');
      doc.addPage();
      doc.rect(50, 50, 495, 700).fill('#dddddd');
    });
    const out = await parseBytes(pdf, 'scan.pdf');
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.failure.code).toBe('scanned-pdf');
      expect(out.failure.message).toMatch(/扫描件.*OCR/);
    }
  });

  it('a one-line PDF with a text layer is not called a scan (issue 9)', async () => {
    const pdf = await render((doc) => {
      doc.fontSize(12).text('Annual report 2024', 50, 50);
    });
    const out = await parseBytes(pdf, 'one-line.pdf');
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.failure.code).toBe('not-a-report');
  });

  it('a truncated PDF → corrupt, no throw', async () => {
    const pdf = await render((doc) => {
      doc.fontSize(12).text('Annual report 2024', 50, 50);
    });
    for (const n of [Math.floor(pdf.length * 0.6), 200, 8]) {
      const out = await parseBytes(pdf.slice(0, n), 'cut.pdf');
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(out.failure.code).toBe('corrupt');
        expect(out.failure.message).toMatch(/损坏/);
      }
    }
  });

  it('an encrypted PDF needing a password → encrypted', async () => {
    const pdf = await render((doc) => {
      doc.fontSize(12).text('secret', 50, 50);
    }, { userPassword: 'pw', ownerPassword: 'owner', pdfVersion: '1.7' });
    const out = await parseBytes(pdf, 'locked.pdf');
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.failure.code).toBe('encrypted');
      expect(out.failure.message).toMatch(/加密.*密码/);
    }
  });

  it.runIf(existsSync(FONT))('more pages than the limit → the first N are read, with a read issue', async () => {
    const pdf = await render((doc) => {
      doc.font(FONT, FONT_NAME);
      for (let i = 1; i <= 3; i++) {
        if (i > 1) doc.addPage();
        doc.fontSize(12).text(`第${i}页正文：政府信息公开工作年度报告的内容。`, 50, 100, { lineBreak: false });
      }
    });
    const limits = LIMITS as { maxPdfPages: number };
    const saved = limits.maxPdfPages;
    limits.maxPdfPages = 2;
    try {
      const doc = await readPdf(pdf, 'long.pdf');
      expect(doc.readIssues.map((i) => i.code)).toEqual(['too-many-pages']);
      expect(doc.readIssues[0].message).toContain('只读取了前 2 页');
      expect(doc.lines.join('\n')).toContain('第2页正文');
      expect(doc.lines.join('\n')).not.toContain('第3页正文');
    } finally {
      limits.maxPdfPages = saved;
    }
  });

  it('PDF dates → ISO', () => {
    expect(pdfDateToIso("D:20250225100250+08'00'")).toBe('2025-02-25T10:02:50+08:00');
    expect(pdfDateToIso('D:20240131')).toBe('2024-01-31');
    expect(pdfDateToIso('D:20240131120000Z')).toBe('2024-01-31T12:00:00Z');
    expect(pdfDateToIso(undefined)).toBeUndefined();
  });
});
