/**
 * The printed document of a zoo report: title lines, paragraphs and the three tables as
 * grids with merges (taken from the renderer's layout of the official form), after the
 * perturbations that change what is printed (prose before tables, title forms, wrapped
 * headings, label wording, edge blanks, signed figures).
 */
import { SECTIONS, T3_COLUMN_KEYS, TEMPLATES, type TableId } from '../../src/core/template.js';
import { formatValue, tableLayout, type LayoutCell } from '../../src/render/model.js';
import type { ZooReport } from './canonical.js';
import type { Rng } from './rng.js';

export type ParaRole = 'title' | 'preface' | 'heading' | 'body' | 'sign' | 'date';
export interface Para {
  kind: 'p';
  role: ParaRole;
  text: string;
}
export interface ZCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  role: LayoutCell['role'];
  key?: string;
}
export interface ZTable {
  kind: 'table';
  id: TableId;
  width: number;
  labelCols: number;
  rows: { header: boolean; cells: ZCell[] }[];
}
export type Block = Para | ZTable;

export interface ZDoc {
  report: ZooReport;
  blocks: Block[];
  perturbations: string[];
}

export const PERTURBATIONS = ['prose-rows', 'title-guanyu', 'title-wrap', 'heading-wrap', 'label-wording', 'edge-blank', 'signed-t2'] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

const LABEL_WORDINGS: [string, string][] = [
  ['notProcessed.confirmOrReissue', '要求行政机关确认或重新出具已获取的信息'],
  ['unable.needsCreation', '没有现成信息需要另外制作'],
  ['notProcessed.petitionComplaint', '信访、举报、投诉类申请'],
  ['denied.lawForbidden', '其他法律行政止公开'],
  ['denied.lawForbidden', '其他法律法规禁止公开'],
];

/** Applies report-level perturbations (before the document is laid out). */
export function perturbReport(rng: Rng, r: ZooReport, p: Perturbation): boolean {
  switch (p) {
    case 'label-wording': {
      const [row, label] = rng.pick(LABEL_WORDINGS);
      if (r.labels[`t3.${row}`]) return false;
      r.labels[`t3.${row}`] = label;
      r.labelVariants.push(`t3.${row}`);
      r.expected.push({ rule: 'label-variant', cells: T3_COLUMN_KEYS.map((k) => `t3.${row}.${k}`) });
      return true;
    }
    case 'edge-blank': {
      const groups = TEMPLATES[r.template].t4.groups;
      const rows = TEMPLATES[r.template].t3.rows;
      const key = rng.pick([`t4.${groups[0].key}.upheld`, `t3.${rng.pick(rows).key}.total`, `t3.${rng.pick(rows).key}.naturalPerson`, `t4.${groups[groups.length - 1].key}.total`]);
      if (r.cells[key] === null) return false;
      r.cells[key] = null;
      r.expected.push({ rule: 'cell-missing', cells: [key] });
      return true;
    }
    case 'signed-t2': {
      if (r.template !== '2019') return false;
      for (const row of ['licensing', 'otherServices', 'punishment', 'coercion', 'fees']) {
        const k = `t2.${row}.itemsDelta`;
        const prev = r.cells[`t2.${row}.prevYearItems`];
        if (r.cells[k] === null || prev === null) continue;
        r.cells[k] = -rng.int(1, Math.max(1, Math.min(prev ?? 1, 60)));
      }
      return true;
    }
    case 'title-guanyu':
      if (!/\d{4}年/.test(r.title)) return false;
      r.title = `${r.agency}关于${r.year}年度政府信息公开工作的年度报告`;
      return true;
    default:
      return true;
  }
}

function table(r: ZooReport, id: TableId): ZTable {
  const lay = tableLayout(r.template, id, r.cells as Record<string, number | null>);
  const rows = lay.rows.map((row) => ({
    header: row.header,
    cells: row.cells.map((c): ZCell => {
      const text = c.role === 'value' && c.key ? (r.tokens[c.key] ?? formatValue(r.cells[c.key] ?? null)) : c.text;
      return { text, rowSpan: c.rowSpan, colSpan: c.colSpan, role: c.role, key: c.key };
    }),
  }));
  if (id === 't3') {
    const defs = TEMPLATES[r.template].t3.rows;
    rows.slice(3).forEach((row, i) => {
      const def = defs[i];
      const variant = r.labels[`t3.${def.key}`];
      if (!variant) return;
      const label = [...row.cells].reverse().find((c) => c.role === 'label');
      if (label) label.text = `${def.ordinal ?? ''}${variant}`;
    });
  }
  return { kind: 'table', id, width: lay.width, labelCols: lay.labelCols, rows };
}

/** Splits s at a point inside it (not at either end). */
function wrapAt(rng: Rng, s: string): [string, string] {
  // Anywhere in the second half, but not inside a number (typesetters keep digit runs together).
  const ok: number[] = [];
  for (let i = Math.max(2, Math.floor(s.length * 0.4)); i <= Math.max(3, s.length - 2); i++) if (!(/\d/.test(s[i - 1]) && /\d/.test(s[i]))) ok.push(i);
  const i = rng.pick(ok);
  return [s.slice(0, i), s.slice(i)];
}

export function dateText(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Lays the report out as printed, with the document-level perturbations. */
export function buildDoc(rng: Rng, r: ZooReport, perturbations: Perturbation[]): ZDoc {
  const has = (p: Perturbation) => perturbations.includes(p);
  const blocks: Block[] = [];
  if (has('title-wrap')) {
    const [a, b] = wrapAt(rng, r.title);
    blocks.push({ kind: 'p', role: 'title', text: a }, { kind: 'p', role: 'title', text: b });
  } else blocks.push({ kind: 'p', role: 'title', text: r.title });
  for (const t of r.preface) blocks.push({ kind: 'p', role: 'preface', text: t });
  blocks.push({
    kind: 'p',
    role: 'preface',
    text: `本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制，所列数据统计期限自${r.year}年1月1日起至${r.year}年12月31日止。`,
  });
  for (const s of r.sections) {
    const def = SECTIONS.find((d) => d.key === s.key)!;
    const heading = `${s.numbering}${s.title}`;
    if (has('heading-wrap') && s.key === 'appeals') {
      const [a, b] = rng.chance(0.5) ? [`${s.numbering}因政府信息公开工作被申请行政复议和提起行政诉讼`, '情况'] : wrapAt(rng, heading);
      blocks.push({ kind: 'p', role: 'heading', text: a }, { kind: 'p', role: 'heading', text: b });
    } else blocks.push({ kind: 'p', role: 'heading', text: heading });
    for (const p of s.paragraphs) blocks.push({ kind: 'p', role: 'body', text: p });
    if (def.table && !r.omitTables.includes(def.table)) {
      if (has('prose-rows') && def.table === 't3') {
        const c = r.cells;
        const parts = [
          c['t3.granted.total'] != null ? `予以公开${c['t3.granted.total']}件` : null,
          c['t3.partialGrant.total'] != null ? `部分公开${c['t3.partialGrant.total']}件` : null,
          c['t3.unable.notHeld.total'] != null ? `本机关不掌握相关政府信息${c['t3.unable.notHeld.total']}件` : null,
          c['t3.carriedForward.total'] != null ? rng.pick([`结转下年度继续办理${c['t3.carriedForward.total']}件`, `${c['t3.carriedForward.total']}件结转下年度继续办理`]) : null,
        ].filter(Boolean);
        blocks.push({ kind: 'p', role: 'body', text: `办理结果中，${parts.join('，')}。` });
      }
      if (has('prose-rows') && def.table === 't4') {
        const up = r.cells['t4.review.upheld'];
        if (up != null && r.cells['t4.review.total'] != null)
          blocks.push({ kind: 'p', role: 'body', text: `行政复议${r.cells['t4.review.total']}件，其中结果维持${up}件。` });
      }
      blocks.push(table(r, def.table));
    }
  }
  blocks.push({ kind: 'p', role: 'sign', text: r.agency });
  if (r.publishedAt) blocks.push({ kind: 'p', role: 'date', text: dateText(r.publishedAt) });
  return { report: r, blocks, perturbations };
}

/** The full grid of a table: each position holds its cell and whether it starts there. */
export function grid(t: ZTable): { cell: ZCell; start: boolean; vcont: boolean }[][] {
  const out: ({ cell: ZCell; start: boolean; vcont: boolean } | undefined)[][] = t.rows.map(() => Array(t.width).fill(undefined));
  t.rows.forEach((row, ri) => {
    let col = 0;
    for (const c of row.cells) {
      while (col < t.width && out[ri][col]) col++;
      for (let dr = 0; dr < c.rowSpan; dr++)
        for (let dc = 0; dc < c.colSpan; dc++) if (out[ri + dr]) out[ri + dr][col + dc] = { cell: c, start: dr === 0 && dc === 0, vcont: dr > 0 };
      col += c.colSpan;
    }
  });
  return out.map((r) => r.map((x) => x ?? { cell: { text: '', rowSpan: 1, colSpan: 1, role: 'value' }, start: true, vcont: false }));
}
