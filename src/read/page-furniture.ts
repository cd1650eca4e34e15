/**
 * Page furniture in the text of a PDF (pdftotext, mutool, PyMuPDF, pdfminer, Ghostscript …): the
 * footer's page number (`— 3 —`, `-3-`, `第 3 页 共 8 页`, or a lone `3` at a page break) and a
 * running header repeated at the top of each page. Where a table crosses a page, every such
 * converter puts them between the table's rows, where a page number would read as a cell's figure
 * and a header's year (`…2024 年政府信息公开工作年度报告`) as another. They are blanked (the line stays,
 * empty, so positions keep their line numbers).
 */

/** A page number on a line of its own, in the forms Chinese government documents print. */
const PAGE_NUMBER_LINE = /^(?:[-—–－‒―]{1,2} ?(\d{1,3}) ?[-—–－‒―]{1,2}|第 ?(\d{1,3}) ?页(?: ?[,，/／]? ?共 ?\d{1,3} ?页)?|共 ?\d{1,3} ?页 ?[,，]? ?第 ?(\d{1,3}) ?页)$/;
/** Words of the tables' labels and headers: a line holding one is never taken for a running header. */
const TABLE_WORDS = /勾稽|之和|等于|第[一二三四五六]项|条第|情况|本年|件数|数量|总计|合计|维持|纠正|审结|结果|自然人|法人|商业|科研|公益|法律服务|予以|部分|不予|无法|处理|申请|信息内容|许可|处罚|强制|规章|规范性|收费|复议|诉讼|其他/;

/** What a running header says: the agency (…人民政府, …局, …办公室), or the report's title; no figure but a year. */
function isHeaderLike(t: string): boolean {
  if (t.length < 4 || t.length > 60 || TABLE_WORDS.test(t)) return false;
  if (/\d/.test(t.replace(/(?:19|20)\d\d ?年/g, ''))) return false;
  return /(?:政府|办公室|委员会|局|厅|署|院|街道|办事处|镇|乡|报告|年报)/.test(t);
}

const squeeze = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

function pageNumberOf(line: string): number | null {
  const m = PAGE_NUMBER_LINE.exec(squeeze(line));
  if (!m) return null;
  return Number(m[1] ?? m[2] ?? m[3]);
}

/** Blanks page numbers and running headers; the text is returned unchanged when it has none. */
export function dropPageFurniture(text: string): string {
  // Most texts have neither a form feed nor a page-number line: leave them without splitting.
  if (!text.includes('\f') && !/[-—–－‒―页]/.test(text)) return text;
  const lines = text.split('\n');
  // Each line without its form feeds, and squeezed (what the rules below compare).
  const plain = lines.map((l) => l.replace(/\f/g, ''));
  const squeezed = (i: number) => squeeze(plain[i]);
  const drop = new Set<number>();
  // Boundaries between pages: the line a form feed starts (pdftotext, mutool, pdfminer end each page with one).
  const breaks: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].includes('\f')) breaks.push(i);
  // 1. Page numbers of the printed forms; taken only when they count up through the text.
  const numbered: { line: number; n: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    // (Long only in its words: pdftotext -layout centres the number with spaces.)
    if (lines[i].length > 40 && lines[i].trim().length > 40) continue;
    const n = pageNumberOf(plain[i]);
    if (n !== null) numbered.push({ line: i, n });
  }
  if (numbered.length && numbered.every((x, k) => k === 0 || x.n > numbered[k - 1].n)) for (const x of numbered) drop.add(x.line);
  // 2. A lone figure as the last line of a page or the first of the next, when it is that page's number.
  const nonBlank = (from: number, step: 1 | -1, limit: number): number => {
    for (let i = from; i >= 0 && i < lines.length && Math.abs(i - from) <= limit; i += step) if (plain[i].trim()) return i;
    return -1;
  };
  const lone: number[] = [];
  let agreed = 0;
  for (let k = 0; k < breaks.length; k++) {
    const page = k + 1;
    // The page ends at the form feed: its last line is the line before (or the text before the \f on the same line).
    const before = lines[breaks[k]].split('\f')[0].trim() ? breaks[k] : nonBlank(breaks[k] - 1, -1, 3);
    const after = nonBlank(breaks[k], 1, 3);
    for (const [i, p] of [[before, page], [after, page + 1]] as const) {
      if (i < 0) continue;
      const t = plain[i].trim();
      if (/^\d{1,3}$/.test(t) && Number(t) === p) {
        lone.push(i);
        agreed++;
      }
    }
  }
  // One page numbered so is chance (a table's figure at a page's foot); two or more are the footer.
  if (agreed >= 2) for (const i of lone) drop.add(i);
  // 3. A running header: the same line at two page boundaries or more (next to a form feed or a page
  // number; a page number and the form feed after it are one boundary).
  const marks = [...new Set([...breaks, ...drop])].sort((a, b) => a - b);
  const bounds: number[][] = [];
  for (const m of marks) {
    const last = bounds[bounds.length - 1];
    if (last && m - last[last.length - 1] <= 6) last.push(m);
    else bounds.push([m]);
  }
  if (bounds.length >= 2) {
    const window = (b: number[]) => {
      const out: number[] = [];
      for (const [start, step] of [[b[0] - 1, -1], [b[0], 1]] as const) {
        let seen = 0;
        for (let i = start; i >= 0 && i < lines.length && seen < 2; i += step) {
          if (drop.has(i)) continue;
          if (!plain[i].trim()) continue;
          seen++;
          out.push(i);
        }
      }
      return out;
    };
    const near = new Map<string, Set<number>>();
    bounds.forEach((b, k) => {
      for (const i of window(b)) {
        const t = squeezed(i);
        if (isHeaderLike(t)) (near.get(t) ?? near.set(t, new Set()).get(t)!).add(k);
      }
    });
    const headers = new Set([...near].filter(([, at]) => at.size >= 2).map(([t]) => t));
    if (headers.size) {
      for (const b of bounds) for (const i of window(b)) if (headers.has(squeezed(i))) drop.add(i);
      // The first page's header, above the title: the first line of the text.
      const first = nonBlank(0, 1, 3);
      if (first >= 0 && headers.has(squeezed(first))) drop.add(first);
    }
  }
  if (!drop.size) return text;
  return lines.map((l, i) => (drop.has(i) ? (l.includes('\f') ? '\f' : '') : l)).join('\n');
}
