/**
 * Corrections and re-running the checks. A correction replaces one cell's value (the reading as
 * extracted stays in the correction row); the report's single-report findings are then computed
 * again from its source with all corrections applied — or, for a report stored without its source
 * (ingested on the command line), from its stored cells, in which case only the rules that look at
 * figures and prose are re-run and the others' findings are kept.
 */
import { checkReport } from '../check/index.js';
import { ruleById } from '../check/index.js';
import type { CellValue, ExtractedReport, Finding } from '../core/types.js';
import { runHistory } from '../dataset/history.js';
import { parseBytes } from '../pipeline.js';
import type { Store } from '../store/db.js';
import { findingRow, findingsOf, insertFindings } from '../store/queries.js';
import type { SectionKey, TemplateVersion } from '../core/template.js';
import { formToExtracted } from '../workbench/form-report.js';
import { wdb } from './data.js';

/** Rules whose verdict depends only on figures and prose (safe to re-run from stored cells). */
const FROM_CELLS = new Set(['requests-balance', 'requests-row-total', 'requests-outcome-total', 'requests-other-total', 'appeals-total', 'cell-invalid', 'text-table-mismatch', 'fee-statement-missing', 'fee-unpaid-without-notice']);

async function correctedCells(store: Store, id: number): Promise<Map<string, CellValue>> {
  const rows = await wdb(store).selectFrom('corrections').select(['key', 'value']).where('report_id', '=', id).orderBy('id').execute();
  return new Map(rows.map((r) => [r.key, r.value === null ? null : Number(r.value)]));
}

async function reportFromSource(store: Store, id: number): Promise<ExtractedReport | null> {
  const db = wdb(store);
  const file = await db.selectFrom('report_files').select(['name', 'bytes']).where('report_id', '=', id).executeTakeFirst();
  if (!file) return null;
  const o = await parseBytes(new Uint8Array(file.bytes), file.name);
  if (!o.ok) return null;
  const { findings: _f, ...rest } = o;
  return rest;
}

async function reportFromStore(store: Store, id: number): Promise<ExtractedReport> {
  const db = wdb(store);
  const r = await db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const cells: Record<string, CellValue> = {};
  const sources: ExtractedReport['cellSources'] = {};
  for (const c of await db.selectFrom('cells').select(['key', 'value', 'raw', 'provenance']).where('report_id', '=', id).execute()) {
    cells[c.key] = c.value === null ? null : Number(c.value);
    sources[c.key] = { raw: c.raw ?? '', ...(c.provenance ? JSON.parse(c.provenance) : {}) };
  }
  const sections = await db.selectFrom('sections').select(['key', 'title', 'numbering', 'text']).where('report_id', '=', id).orderBy('ord').execute();
  return formToExtracted(
    {
      meta: { agency: r.agency_printed, year: r.year, template: r.template as TemplateVersion | null, level: r.level as ExtractedReport['meta']['level'], publishedAt: r.published_at, title: r.title },
      sections: sections.map((s) => ({ key: s.key as SectionKey, title: s.title, numbering: s.numbering, text: s.text })),
      cells,
    },
    sources,
  );
}

/** Recomputes the report's findings with its corrections applied; returns the new counts. */
export async function recheckReport(store: Store, id: number): Promise<{ errors: number; warnings: number }> {
  const db = wdb(store);
  const fixes = await correctedCells(store, id);
  const fromSource = await reportFromSource(store, id);
  const report = fromSource ?? (await reportFromStore(store, id));
  for (const [k, v] of fixes) report.cells[k] = v;
  let findings: Finding[] = checkReport(report);
  if (!fromSource) {
    const kept = (await findingsOf(store.db, id)).filter((f) => f.origin === 'report' && !FROM_CELLS.has(f.rule));
    findings = [...findings.filter((f) => FROM_CELLS.has(f.rule)), ...kept.map(({ origin: _o, ...f }) => f)];
  }
  // A corrected cell is no longer unreadable or invalid: drop findings that name only corrected cells of those kinds.
  findings = findings.filter((f) => !((f.rule === 'unreadable' || f.rule === 'cell-missing') && f.cells.length > 0 && f.cells.every((c) => fixes.has(c) && fixes.get(c) !== null)));
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('findings').where('report_id', '=', id).where('origin', '=', 'report').execute();
    await insertFindings(trx, store.backend, findings.map((f) => findingRow(id, f, 'report')));
    for (const [k, v] of fixes) await trx.updateTable('cells').set({ value: v }).where('report_id', '=', id).where('key', '=', k).execute();
    await trx.updateTable('reports').set({ history_dirty: 1 }).where('id', '=', id).execute();
  });
  await runHistory(store);
  const all = await findingsOf(store.db, id);
  const counts = { errors: all.filter((f) => f.severity === 'error').length, warnings: all.filter((f) => f.severity === 'warning').length };
  await db.updateTable('reports').set(counts).where('id', '=', id).execute();
  return counts;
}

export { ruleById };
