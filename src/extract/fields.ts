/**
 * Document → fields: the cells of tab rows and table grids, and whole lines otherwise,
 * each with its normalised text and the way back to its source position.
 */
import { hasTraditional, normalizeWithMap } from '../core/normalize.js';
import type { SourceDocument, SourcePos } from '../core/types.js';

export interface Field {
  text: string;
  norm: string;
  map: number[];
  /** Position of the field's first character. */
  pos: SourcePos;
  /** Index of the visual row (line or grid row) the field belongs to. */
  row: number;
  /** Blank fields are meaningful (an empty cell of a tab row or grid), not just spacing. */
  cellLike: boolean;
}

export function toFields(doc: SourceDocument): Field[] {
  const out: Field[] = [];
  let row = 0;
  // Decide once per document whether traditional characters need converting.
  const trad = doc.lines.some((l) => hasTraditional(l)) || doc.blocks.some((b) => b.kind === 'table' && b.rows.some((r) => r.some((c) => hasTraditional(c.text))));
  for (const b of doc.blocks) {
    if (b.kind === 'paragraph') {
      row++;
      const text = b.text;
      if (!text.includes('\t')) {
        if (text.trim() === '') continue;
        const { norm, map } = normalizeWithMap(text, trad);
        out.push({ text, norm, map, pos: b.pos, row, cellLike: false });
        continue;
      }
      const parts = text.split('\t');
      let col = 0;
      parts.forEach((p, i) => {
        const start = col;
        col += p.length + 1;
        // The text before a leading tab is indentation, not a cell.
        if (i === 0 && p.trim() === '') return;
        const { norm, map } = normalizeWithMap(p, trad);
        const pos: SourcePos = b.pos.line !== undefined ? { line: b.pos.line, column: (b.pos.column ?? 1) + start, length: p.length } : { ...b.pos };
        out.push({ text: p, norm, map, pos, row, cellLike: true });
      });
    } else {
      for (const r of b.rows) {
        row++;
        for (const c of r) {
          const { norm, map } = normalizeWithMap(c.text, trad);
          out.push({ text: c.text, norm, map, pos: c.pos, row, cellLike: true });
        }
      }
    }
  }
  return out;
}

/** Source position of a span [from, to) of a field's normalised text. */
export function spanPos(f: Field, from: number, to: number): SourcePos {
  if (f.pos.line === undefined) return f.pos;
  const a = f.map[from] ?? 0;
  const b = to > from ? (f.map[to - 1] ?? a) + 1 : a + 1;
  return { ...f.pos, column: (f.pos.column ?? 1) + a, length: Math.max(1, b - a) };
}

/** Original text of a span of a field's normalised text. */
export function spanText(f: Field, from: number, to: number): string {
  if (from >= to) return '';
  const a = f.map[from] ?? 0;
  const b = (f.map[to - 1] ?? a) + 1;
  return f.text.slice(a, b);
}
