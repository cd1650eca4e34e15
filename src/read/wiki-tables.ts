/**
 * MediaWiki tables in text (what pandoc's `-t mediawiki` writes, and wiki pages saved as source):
 * `{|` opens, `|-` starts a row, `| cell` / `! header` start cells (`||` and `!!` part several on one
 * line, `| colspan="2" | text` gives attributes), other lines go on the cell above, `|}` closes.
 * A cell written empty (`|`) is a blank cell. A table with another inside it is not read.
 */
import type { GridCell } from '../core/types.js';
import type { DrawnTable } from './text-grid.js';

const ENTITIES: Record<string, string> = { nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ATTRS = /^\s*(?:[a-z-]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s|]+)\s*)+$/i;

/** A cell's wiki markup → its text: bold/italic quotes, links (their text), tags, entities. */
function cellText(s: string): string {
  return s
    .replace(/'{2,}/g, '')
    .replace(/\[\[(?:[^\]|]*\|)?([^\]]*)\]\]/g, '$1')
    .replace(/\[\S+\s+([^\]]*)\]/g, '$1')
    .replace(/<\/?[a-zA-Z][^>]*>/g, '')
    .replace(/&(#\d+|[a-z]+);/gi, (m, e: string) => (e[0] === '#' ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m)))
    .trim();
}

const spanOf = (attrs: string, name: string): number | undefined => {
  const m = new RegExp(`${name}\\s*=\\s*["']?(\\d+)`, 'i').exec(attrs);
  const n = m ? Number(m[1]) : 1;
  return n > 1 ? n : undefined;
};

export function findWikiTables(lines: string[]): DrawnTable[] {
  const tables: DrawnTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\{\|/.test(lines[i])) continue;
    const first = i;
    const rows: GridCell[][] = [];
    let row: GridCell[] | null = null;
    let closed = false;
    let nested = false;
    for (i++; i < lines.length; i++) {
      const line = lines[i];
      const t = line.trim();
      if (t.startsWith('{|')) nested = true;
      if (t.startsWith('|}')) {
        closed = true;
        break;
      }
      if (t.startsWith('|-')) {
        if (row?.length) rows.push(row);
        row = [];
        continue;
      }
      if (t.startsWith('|+')) continue; // caption
      if (t.startsWith('|') || t.startsWith('!')) {
        row ??= [];
        const lead = line.indexOf(t[0]) + 1;
        const sep = t[0] === '!' ? /!!|\|\|/ : /\|\|/;
        let at = lead;
        for (const piece of line.slice(lead).split(sep)) {
          // `attrs | text`: the attributes before a single pipe.
          const bar = piece.indexOf('|');
          const attrs = bar >= 0 && ATTRS.test(piece.slice(0, bar)) ? piece.slice(0, bar) : '';
          const body = attrs ? piece.slice(bar + 1) : piece;
          const offset = piece.length - body.length + (body.length - body.trimStart().length);
          const text = cellText(body);
          row.push({ text, pos: { line: i + 1, column: at + offset + 1, length: body.trim().length }, rowSpan: spanOf(attrs, 'rowspan'), colSpan: spanOf(attrs, 'colspan') });
          at += piece.length + 2;
        }
        continue;
      }
      // A line of its own goes on the cell above (a cell's text over several lines).
      const cell = row?.at(-1);
      if (cell && t) cell.text = cellText(`${cell.text}${/[\u3000-\u9fff]$/.test(cell.text) || !cell.text ? '' : ' '}${t}`);
    }
    if (row?.length) rows.push(row);
    if (closed && !nested && rows.length >= 2) tables.push({ first, last: i, rows: rows.map((r) => r.map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as GridCell)) });
  }
  return tables;
}
