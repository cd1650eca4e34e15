/**
 * Figures OCR could not read with certainty, after extraction: each such cell is blank and
 * carries its readings (GridCell.candidates). A reading is taken only when it is the one
 * reading that satisfies every table identity the cell is part of (row totals, （七）总计,
 * 勾稽关系, table 四 totals) and at least one identity could be checked; otherwise the cell
 * stays blank with an `unreadable` issue naming the template cell, the page and the pixel box.
 *
 * Pure: the check rules that state the identities are the judges (no second copy of them).
 */
import { ruleById, runRule } from '../../check/index.js';
import type { Rule } from '../../check/rule.js';
import type { ExtractedReport, ReadIssue, SourceDocument, SourcePos } from '../../core/types.js';
import { misreadings } from './misread.js';

/** Reader issues about one doubtful cell (a figure OCR could not read, a formula that could not be computed, a figure wrapped in a narrow PDF cell). */
const DOUBT_CODES = new Set(['ocr-unreadable', 'formula-unresolved', 'figure-wrapped']);

const IDENTITY_RULES = ['requests-row-total', 'requests-outcome-total', 'requests-balance', 'requests-other-total', 'appeals-total'];

const posKey = (p: SourcePos | undefined) => (p ? `${p.page}:${p.line}:${p.column}:${p.x}:${p.y}:${p.path ?? ''}` : '');
const boxKey = (p: SourcePos | undefined) => (p ? `${p.page}:${p.x}:${p.y}:${p.path ?? ''}` : '');

/**
 * The identities (rule and cells) that break at `key` with `value` there, one entry per finding
 * (the cell restored after): what every judgement of a reading below is made from.
 */
function brokenWith(rules: Rule[], report: ExtractedReport, key: string, value: number): string[] {
  const was = report.cells[key];
  report.cells[key] = value;
  const out: string[] = [];
  for (const r of rules) for (const f of runRule(r, report)) if (f.cells.includes(key)) out.push(`${r.meta.id}:${f.cells.join(',')}`);
  report.cells[key] = was;
  return out;
}

/** How many identities can be checked at `key` (each breaks there for a value no reading could be). */
function identitiesAt(rules: Rule[], report: ExtractedReport, key: string): number {
  return brokenWith(rules, report, key, 987654321).length;
}

/** The values among `values` with which no identity breaks at `key`. */
function fitting(rules: Rule[], report: ExtractedReport, key: string, values: number[]): number[] {
  return values.filter((v) => brokenWith(rules, report, key, v).length === 0);
}

/**
 * No reading satisfies every identity at the cell, but one identity or more breaks whatever the
 * cell holds — with every reading alike: the report's own error elsewhere in it (an injected or
 * printed total that does not add up), which no reading of this cell can mend. The readings are
 * then judged by the identities some reading can satisfy: the one reading that satisfies all of
 * those (at least one), and breaks nothing the others do not, is the figure — the identity that
 * breaks for all is reported by its rule. A suspect (a figure read surely) is never settled so:
 * its readings are its own alternatives only, not the figure it was read as.
 */
function fittingBesideBroken(rules: Rule[], report: ExtractedReport, key: string, values: number[], checkable: number): number[] {
  if (values.length < 2) return [];
  const broken = values.map((v) => new Set(brokenWith(rules, report, key, v)));
  const common = [...broken[0]].filter((id) => broken.every((b) => b.has(id)));
  if (common.length === 0 || checkable - common.length < 1) return [];
  return values.filter((_, i) => broken[i].size === common.length);
}

interface Open {
  cands: number[];
  pos?: SourcePos;
  /** A figure read surely, made a doubt by the identities: settled only where two or more identities can be checked. */
  suspect?: boolean;
}

/** Takes, for each open cell, the one reading that satisfies every identity it is part of, while any is taken. */
function settle(rules: Rule[], report: ExtractedReport, open: Map<string, Open>, resolved: Set<string>): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, d] of open) {
      if (resolved.has(key) || d.cands.length === 0) continue;
      const checkable = identitiesAt(rules, report, key);
      let fits = checkable >= (d.suspect ? 2 : 1) ? fitting(rules, report, key, d.cands) : [];
      if (fits.length === 0 && !d.suspect && checkable >= 2) fits = fittingBesideBroken(rules, report, key, d.cands, checkable);
      if (fits.length === 1) {
        report.cells[key] = fits[0];
        report.cellSources[key] = { ...report.cellSources[key], raw: String(fits[0]) };
        resolved.add(key);
        changed = true;
      }
    }
  }
}

/**
 * Figures OCR read surely that break an identity a plausible misreading of the same cell would
 * satisfy (a glyph lost or added, a digit of like shape; see misread.ts): each is a doubt, with
 * the value that fits. The misreadings any figure could have count only where two or more
 * identities can be checked at the cell and all of them hold with the misreading — the same
 * slip in a row total and a column total at once (a report's own arithmetic error, as injected
 * by the bench or as printed, breaks one identity at a cell and leaves the other holding: the
 * cell is pinned and the error reported). Where one identity alone can be checked (table 四), only
 * the cell's own evidence counts: another figure a recogniser read, or a glyph count that is not
 * the figure's (`alternatives`).
 */
function suspectFigures(rules: Rule[], report: ExtractedReport, alternatives: Map<string, string[]>, skip: Set<string>): Map<string, { value: number; fits: number[]; own: number[] }> {
  const broken = new Set<string>();
  for (const r of rules) for (const f of runRule(r, report)) for (const c of f.cells) broken.add(c);
  const out = new Map<string, { value: number; fits: number[]; own: number[] }>();
  for (const key of broken) {
    const v = report.cells[key];
    const pos = report.cellSources[key]?.pos;
    if (typeof v !== 'number' || !pos?.box || skip.has(key)) continue;
    const own = (alternatives.get(posKey(pos)) ?? []).map(Number).filter((x) => Number.isFinite(x) && x !== v);
    const checkable = identitiesAt(rules, report, key);
    const tried = [...new Set([...own, ...(checkable >= 2 ? misreadings(String(v)).map(Number) : [])])];
    const fits = tried.length ? fitting(rules, report, key, tried) : [];
    if (fits.length) out.set(key, { value: v, fits, own });
  }
  return out;
}

export function resolveOcrDoubts(doc: SourceDocument, report: ExtractedReport): ExtractedReport {
  const doubts = new Map<string, string[]>();
  const alternatives = new Map<string, string[]>();
  // Whether any of the document's positions has a pixel box (only scanned pages give one, and a
  // cell's position is always one of these, or copied from one): when none has, no cell can, and
  // the report's cell sources (a dictionary of hundreds of keys, slow to enumerate) need no look.
  let boxed = false;
  for (const b of doc.blocks)
    if (b.kind === 'table') {
      if (b.pos.box) boxed = true;
      for (const row of b.rows)
        for (const c of row) {
          if (c.pos.box) boxed = true;
          if (c.candidates) doubts.set(posKey(c.pos), c.candidates);
          if (c.alternatives) alternatives.set(posKey(c.pos), c.alternatives);
        }
    } else if (b.pos.box || b.cells?.some((p) => p.box)) boxed = true;
  const scanned = boxed && Object.values(report.cellSources).some((s) => s.pos?.box);
  if (doubts.size === 0 && !scanned) return report;
  const rules = IDENTITY_RULES.map(ruleById).filter((r): r is Rule => !!r);
  const open = new Map<string, Open>();
  for (const [key, src] of Object.entries(report.cellSources)) {
    const c = doubts.get(posKey(src.pos));
    if (c && report.cells[key] === null) open.set(key, { cands: c.map(Number).filter(Number.isFinite), pos: src.pos });
  }
  // A doubtful cell's readings are its own: where several template cells stand at one doubt's
  // place (a row made unreadable there), none of them takes a reading.
  const shared = new Map<string, number>();
  for (const d of open.values()) shared.set(posKey(d.pos), (shared.get(posKey(d.pos)) ?? 0) + 1);
  for (const d of open.values()) if (shared.get(posKey(d.pos))! > 1) d.cands = [];
  const resolved = new Set<string>();
  settle(rules, report, open, resolved);
  // Figures read surely that a misreading explains become doubts (all judged on the report as it
  // stands, before any is blanked), then settled like the others (their own other readings only).
  const suspects = scanned ? suspectFigures(rules, report, alternatives, new Set(open.keys())) : new Map();
  const suspectIssues: ReadIssue[] = [];
  for (const [key, s] of suspects) {
    const pos = report.cellSources[key].pos!;
    report.cells[key] = null;
    open.set(key, { cands: s.own, pos, suspect: true });
    const [l, t, r, b] = pos.box!;
    suspectIssues.push({
      code: 'ocr-unreadable',
      message: `扫描件第 ${pos.page} 页像素区域（${l}, ${t}, ${r}, ${b}，${pos.dpi} dpi）内的数字读作 ${s.value}，与表内合计或勾稽关系不符，而读错一位数字（可能是 ${s.fits.slice(0, 3).join(' 或 ')}）即可相符，可能识别有误，已留空。请对照原件核对该单元格。`,
      pos: { page: pos.page, x: pos.x, y: pos.y, box: pos.box, dpi: pos.dpi },
      cells: [key],
    });
  }
  if (suspects.size) settle(rules, report, open, resolved);
  if (doubts.size === 0 && suspects.size === 0) return report;
  // The reader's page-level issues for these cells become issues naming the template cell.
  // One box may stand for several template cells (a row whose label OCR doubted is unreadable at
  // a doubtful cell's place): the issue names them all, never only the last one.
  const byBox = new Map<string, string[]>();
  for (const [key, d] of open) if (!d.suspect) byBox.set(boxKey(d.pos), [...(byBox.get(boxKey(d.pos)) ?? []), key]);
  const issues: ReadIssue[] = [];
  for (const i of report.readIssues) {
    if (!DOUBT_CODES.has(i.code)) {
      issues.push(i);
      continue;
    }
    const keys = (byBox.get(boxKey(i.pos)) ?? []).filter((k) => !resolved.has(k));
    if (byBox.has(boxKey(i.pos)) && keys.length === 0) continue;
    const cands = keys.length === 1 ? open.get(keys[0])?.cands : undefined;
    issues.push(keys.length ? { ...i, cells: keys, ...(cands?.length ? { candidates: cands } : {}) } : i);
  }
  // A suspect's issue is its own (it names its cell), dropped when its own other reading settled it.
  for (const i of suspectIssues) if (!resolved.has(i.cells![0])) issues.push(i);
  report.readIssues = issues;
  return report;
}
