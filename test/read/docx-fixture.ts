/**
 * A complete 2021-template annual report written as DOCX with the `docx` package, laid out
 * like the official template (merged header cells, 三、本年度办理结果 and the （三）… （六）
 * groups merged vertically over their rows, table 四's two header rows), with known numbers:
 * one blank cell and two '-' zeros.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { cellKeys, T3_COLUMN_KEYS } from '../../src/core/template.js';

export const TITLE = '示例市示例区人民政府2023年政府信息公开工作年度报告';
export const BLANK_KEY = 't3.denied.adminQuery.research';
export const DASH_KEYS = ['t4.suitAfterReview.pending', 't2.regulations.made'];

/** Table 三 rows as printed: [group label (vertically merged), row label, row key]. */
const T3_LAYOUT: { top?: string; group?: string; label: string; key: string }[] = [
  { top: '一、本年新收政府信息公开申请数量', label: '', key: 'newReceived' },
  { top: '二、上年结转政府信息公开申请数量', label: '', key: 'carriedOver' },
  { group: '（一）予以公开', label: '', key: 'granted' },
  { group: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', label: '', key: 'partialGrant' },
  { group: '（三）不予公开', label: '1.属于国家秘密', key: 'denied.stateSecret' },
  { label: '2.其他法律行政法规禁止公开', key: 'denied.lawForbidden' },
  { label: '3.危及“三安全一稳定”', key: 'denied.safetyStability' },
  { label: '4.保护第三方合法权益', key: 'denied.thirdPartyRights' },
  { label: '5.属于三类内部事务信息', key: 'denied.internalAffairs' },
  { label: '6.属于四类过程性信息', key: 'denied.processInfo' },
  { label: '7.属于行政执法案卷', key: 'denied.enforcementFile' },
  { label: '8.属于行政查询事项', key: 'denied.adminQuery' },
  { group: '（四）无法提供', label: '1.本机关不掌握相关政府信息', key: 'unable.notHeld' },
  { label: '2.没有现成信息需要另行制作', key: 'unable.needsCreation' },
  { label: '3.补正后申请内容仍不明确', key: 'unable.unclearAfterCorrection' },
  { group: '（五）不予处理', label: '1.信访举报投诉类申请', key: 'notProcessed.petitionComplaint' },
  { label: '2.重复申请', key: 'notProcessed.duplicate' },
  { label: '3.要求提供公开出版物', key: 'notProcessed.publication' },
  { label: '4.无正当理由大量反复申请', key: 'notProcessed.massiveRepeated' },
  { label: '5.要求行政机关确认或重新出具已获取信息', key: 'notProcessed.confirmOrReissue' },
  { group: '（六）其他处理', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', key: 'other.noCorrection' },
  { label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', key: 'other.feeUnpaid' },
  { label: '3.其他', key: 'other.other' },
  { group: '（七）总计', label: '', key: 'total' },
  { top: '四、结转下年度继续办理', label: '', key: 'carriedForward' },
];
const GROUP_SPAN: Record<string, number> = { '（三）不予公开': 8, '（四）无法提供': 3, '（五）不予处理': 5, '（六）其他处理': 3 };

/** The expected value of every 2021 cell (null = the blank cell). */
export function expectedCells(): Record<string, number | null> {
  const cells: Record<string, number | null> = {};
  const keys = cellKeys('2021');
  let n = 1;
  for (const k of keys) cells[k] = k.startsWith('t2.fees') ? 12.5 : n++ % 97;
  for (const k of DASH_KEYS) cells[k] = 0;
  cells[BLANK_KEY] = null;
  return cells;
}

function shown(key: string, cells: Record<string, number | null>): string {
  if (DASH_KEYS.includes(key)) return '-';
  const v = cells[key];
  return v === null ? '' : String(v);
}

const p = (text: string, bold = false) => new Paragraph({ children: [new TextRun({ text, bold })] });
const cell = (text: string, opts: { columnSpan?: number; rowSpan?: number } = {}) => new TableCell({ children: [p(text)], ...opts });
const widths = (n: number, total = 9000) => Array(n).fill(Math.floor(total / n));

function table2(cells: Record<string, number | null>): Table {
  const head = (h: string) => new TableRow({ children: [cell(h, { columnSpan: 4 })] });
  const cols3 = new TableRow({ children: [cell('信息内容'), cell('本年制发件数'), cell('本年废止件数'), cell('现行有效件数')] });
  const one = (label: string) => new TableRow({ children: [cell('信息内容'), cell(label, { columnSpan: 3 })] });
  const row3 = (label: string, key: string) => new TableRow({ children: [cell(label), ...['made', 'repealed', 'valid'].map((c) => cell(shown(`t2.${key}.${c}`, cells)))] });
  const row1 = (label: string, key: string) => new TableRow({ children: [cell(label), cell(shown(key, cells), { columnSpan: 3 })] });
  return new Table({
    columnWidths: widths(4),
    width: { size: 9000, type: WidthType.DXA },
    rows: [
      head('第二十条第（一）项'),
      cols3,
      row3('规章', 'regulations'),
      row3('行政规范性文件', 'normativeDocs'),
      head('第二十条第（五）项'),
      one('本年处理决定数量'),
      row1('行政许可', 't2.licensing.decisions'),
      head('第二十条第（六）项'),
      one('本年处理决定数量'),
      row1('行政处罚', 't2.punishment.decisions'),
      row1('行政强制', 't2.coercion.decisions'),
      head('第二十条第（八）项'),
      one('本年收费金额（单位：万元）'),
      row1('行政事业性收费', 't2.fees.amountWan'),
    ],
  });
}

function table3(cells: Record<string, number | null>): Table {
  const values = (key: string) => T3_COLUMN_KEYS.map((c) => cell(shown(`t3.${key}.${c}`, cells)));
  const rows: TableRow[] = [
    new TableRow({ children: [cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', { columnSpan: 3, rowSpan: 3 }), cell('申请人情况', { columnSpan: 7 })] }),
    new TableRow({ children: [cell('自然人', { rowSpan: 2 }), cell('法人或其他组织', { columnSpan: 5 }), cell('总计', { rowSpan: 2 })] }),
    new TableRow({ children: ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((t) => cell(t)) }),
  ];
  T3_LAYOUT.forEach((r) => {
    const children: TableCell[] = [];
    if (r.top) children.push(cell(r.top, { columnSpan: 3 }));
    else {
      if (r.key === 'granted') children.push(cell('三、本年度办理结果', { rowSpan: 22 }));
      if (r.group && GROUP_SPAN[r.group]) children.push(cell(r.group, { rowSpan: GROUP_SPAN[r.group] }), cell(r.label));
      else if (r.group) children.push(cell(r.group, { columnSpan: 2 }));
      else children.push(cell(r.label));
    }
    rows.push(new TableRow({ children: [...children, ...values(r.key)] }));
  });
  return new Table({ columnWidths: [900, 900, 2000, ...widths(7, 5200)], width: { size: 9000, type: WidthType.DXA }, rows });
}

function table4(cells: Record<string, number | null>): Table {
  const cols = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const keys = ['review', 'suitDirect', 'suitAfterReview'].flatMap((g) => ['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `t4.${g}.${c}`));
  return new Table({
    columnWidths: widths(15),
    width: { size: 9000, type: WidthType.DXA },
    rows: [
      new TableRow({ children: [cell('行政复议', { columnSpan: 5 }), cell('行政诉讼', { columnSpan: 10 })] }),
      new TableRow({ children: [...cols.map((c) => cell(c, { rowSpan: 2 })), cell('未经复议直接起诉', { columnSpan: 5 }), cell('复议后起诉', { columnSpan: 5 })] }),
      new TableRow({ children: [...cols, ...cols].map((c) => cell(c)) }),
      new TableRow({ children: keys.map((k) => cell(shown(k, cells))) }),
    ],
  });
}

export async function buildReportDocx(): Promise<Uint8Array> {
  const cells = expectedCells();
  const doc = new Document({
    title: TITLE,
    creator: '示例市示例区人民政府办公室',
    sections: [
      {
        children: [
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: TITLE, bold: true })] }),
          p('本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。'),
          p('一、总体情况', true),
          p('2023年，示例区人民政府认真贯彻落实《条例》，扎实推进政务公开工作。'),
          p('二、主动公开政府信息情况', true),
          table2(cells),
          p('三、收到和处理政府信息公开申请情况', true),
          table3(cells),
          p('四、政府信息公开行政复议、行政诉讼情况', true),
          table4(cells),
          p('五、存在的主要问题及改进情况', true),
          p('主要问题是公开内容不够全面。下一步将加强培训。'),
          p('六、其他需要报告的事项', true),
          p('本年度未收取信息处理费。'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
