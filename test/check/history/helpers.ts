import fs from 'node:fs';
import type { HistoryReport } from '../../../src/check/history/index.js';
import { parseBytes } from '../../../src/pipeline.js';
import { REAL } from '../../helpers/paths.js';

let nextId = 1;

/** A HistoryReport from a fixture file, read by the real pipeline. */
export async function fromFile(file: string, over: Partial<HistoryReport> = {}): Promise<HistoryReport> {
  const o = await parseBytes(fs.readFileSync(file), file);
  if (!o.ok) throw new Error(`${file}: ${o.failure.message}`);
  const sections: Record<string, string> = {};
  for (const s of o.sections) sections[s.key] = s.text;
  return { id: nextId++, agency: o.meta.agency, agencyId: 1, year: o.meta.year, template: o.meta.template, cells: { ...o.cells }, sections, ...over };
}

export function withCells(r: HistoryReport, cells: Record<string, number | null>, over: Partial<HistoryReport> = {}): HistoryReport {
  return { ...r, id: nextId++, cells: { ...r.cells, ...cells }, ...over };
}

export { REAL };
