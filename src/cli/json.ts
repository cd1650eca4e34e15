/** The machine-readable form of a parsed report (contract.md). */
import type { ParseOutcome } from '../pipeline.js';

export function toJson(o: ParseOutcome): Record<string, unknown> {
  if (!o.ok) return { source: o.source, failure: o.failure };
  const { meta } = o;
  return {
    source: o.source,
    format: o.format,
    meta: { agency: meta.agency, year: meta.year, template: meta.template, level: meta.level, publishedAt: meta.publishedAt, title: meta.title },
    sections: o.sections.map((s) => ({ key: s.key, title: s.title, numbering: s.numbering, line: s.pos.line ?? null, text: s.text })),
    cells: o.cells,
    provenance: o.cellSources,
    tables: o.tables,
    findings: o.findings,
  };
}
