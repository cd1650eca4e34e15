/** The machine-readable form of a parsed report (contract.md). */
import type { ParseOutcome } from '../pipeline.js';
import { place } from './place.js';

export function toJson(o: ParseOutcome): Record<string, unknown> {
  if (!o.ok) return { source: o.source, failure: o.failure };
  const { meta } = o;
  return {
    source: o.source,
    format: o.format,
    meta: { agency: meta.agency, year: meta.year, template: meta.template, level: meta.level, publishedAt: meta.publishedAt, title: meta.title },
    sections: o.sections.map((s) => ({ key: s.key, title: s.title, numbering: s.numbering, line: s.pos.line ?? null, text: s.text })),
    cells: o.cells,
    // `where`: the place a person looks (表3 第5行第4列, 第2页…, 表三!D5, 行:列), beside the raw position.
    provenance: Object.fromEntries(Object.entries(o.cellSources).map(([k, src]) => [k, src.pos ? { ...src, where: place(src.pos, o.format) } : src])),
    tables: o.tables,
    findings: o.findings.map((f) => (f.pos ? { ...f, where: place(f.pos, o.format) } : f)),
  };
}
