/**
 * A report as typed into the form (or reconstructed from stored cells) → the ExtractedReport the
 * check rules take. Pure, with no Node imports: the browser bundles it with the rules, so the form
 * runs exactly the checks the server runs. Every template table counts as present and complete
 * (the form lays them out from the template); blanks stay null.
 */
import { cellKeys, SECTIONS, type SectionKey, type TemplateVersion } from '../core/template.js';
import type { CellSource, CellValue, ExtractedReport, ReportMeta, Section, TableInfo } from '../core/types.js';
import { checkReport } from '../check/index.js';
import { reportTitle } from '../render/model.js';

export interface FormReport {
  meta: Pick<ReportMeta, 'agency' | 'year' | 'template' | 'level' | 'publishedAt' | 'title'>;
  sections: { key: SectionKey; title?: string; numbering?: string; text: string }[];
  cells: Record<string, CellValue>;
}

function table(): TableInfo {
  return { present: true, missingRows: [], extraRows: [], labelVariants: {} };
}

export function versionOfForm(r: Pick<FormReport, 'meta'>): TemplateVersion {
  return r.meta.template ?? (r.meta.year !== null && r.meta.year < 2021 ? '2019' : '2021');
}

export function formToExtracted(r: FormReport, cellSources: Record<string, CellSource> = {}): ExtractedReport {
  const version = versionOfForm(r);
  const cells: Record<string, CellValue> = {};
  for (const k of cellKeys(version)) cells[k] = r.cells[k] ?? null;
  const sources: Record<string, CellSource> = {};
  for (const [k, v] of Object.entries(cells)) sources[k] = cellSources[k] ?? { raw: v === null ? '' : String(v) };
  const sections: Section[] = [];
  SECTIONS.forEach((def, i) => {
    const s = r.sections.find((x) => x.key === def.key);
    if (!s) return;
    sections.push({ key: def.key, title: s.title ?? def.title, numbering: s.numbering ?? `${def.numeral}、`, pos: {}, text: s.text, order: i });
  });
  return {
    source: 'form',
    format: 'json',
    // The form prints the official title when none was typed.
    meta: { ...r.meta, template: version, title: r.meta.title || reportTitle(r.meta.agency, r.meta.year) },
    sections,
    cells,
    cellSources: sources,
    tables: { t2: table(), t3: table(), t4: table() },
    lines: [],
    readIssues: [],
  };
}

/** The findings of a form report: every single-report rule. */
export function checkForm(r: FormReport) {
  return checkReport(formToExtracted(r));
}
