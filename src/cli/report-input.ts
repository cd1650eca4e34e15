/** Input of render and fix: any report file → the canonical report and its findings. */
import { promises as fs } from 'node:fs';
import { describeCell } from '../core/template.js';
import type { Finding } from '../core/types.js';
import { CanonicalError, looksCanonical, toCanonical, type CanonicalReport } from '../render/canonical.js';
import { parseFile } from './io.js';
import { toJson } from './json.js';

export type ReportInput = { ok: true; report: CanonicalReport; findings: Finding[] } | { ok: false; message: string };

/**
 * A canonical JSON is taken as it is (exactly its figures and texts); any other format is
 * read through the pipeline. Findings always come from the pipeline (the checks).
 */
export async function loadReport(file: string): Promise<ReportInput> {
  const outcome = await parseFile(file);
  if (!outcome.ok) return { ok: false, message: outcome.failure.message };
  let report: CanonicalReport | null = null;
  try {
    const buf = await fs.readFile(file);
    const head = buf.subarray(0, 64).toString('utf8').replace(/^\ufeff/, '').trimStart();
    if (head.startsWith('{')) {
      const v: unknown = JSON.parse(buf.toString('utf8').replace(/^\ufeff/, ''));
      if (looksCanonical(v)) report = toCanonical(v);
    }
  } catch (e) {
    if (e instanceof CanonicalError) return { ok: false, message: e.message };
    report = null;
  }
  report ??= toCanonical(JSON.parse(JSON.stringify(toJson(outcome))));
  report.source ??= file;
  return { ok: true, report, findings: outcome.findings };
}

const SEVERITY = { error: '错误', warning: '警告', info: '提示' } as const;

export function formatFindings(findings: Finding[]): string {
  return findings
    .map((f) => {
      const where = f.pos?.path ?? (f.pos?.line ? `第 ${f.pos.line} 行` : '');
      const cells = f.cells.length && f.cells.length <= 3 ? `（${f.cells.map(describeCell).join('；')}）` : '';
      return `  ${SEVERITY[f.severity]}  ${where ? `${where}  ` : ''}${f.message}${cells}  [${f.rule}]`;
    })
    .join('\n');
}
