/** Read → extract → check for one input. Pure: bytes in, report out. */
import { checkReport } from './check/index.js';
import { ReadFailure } from './core/failure.js';
import type { Failure, ParsedReport } from './core/types.js';
import { extractReport } from './extract/index.js';
import { readDocument } from './read/index.js';
import { resolveOcrDoubts } from './read/ocr/resolve.js';

export type ParseOutcome = ({ ok: true } & ParsedReport & { lines: string[] }) | { ok: false; source: string; failure: Failure };

function cellsRead(r: { cells: Record<string, number | null> }): number {
  let n = 0;
  for (const k in r.cells) if (r.cells[k] !== null && r.cells[k] !== undefined) n++;
  return n;
}

export async function parseBytes(buf: Uint8Array, source: string): Promise<ParseOutcome> {
  try {
    const doc = await readDocument(buf, source);
    let report = resolveOcrDoubts(doc, extractReport(doc, source));
    if (doc.alternative) {
      // Each reading keeps a cell only when sure of it; the one that is sure of more is kept.
      const other = extractReport(doc.alternative, source);
      if (cellsRead(other) > cellsRead(report)) report = other;
    }
    const findings = checkReport(report);
    return { ok: true, ...report, findings };
  } catch (e) {
    if (e instanceof ReadFailure) return { ok: false, source, failure: { code: e.code, message: e.message } };
    // Nesting deeper than the stack (100,000 nested <div>s): the file, not the program, is at fault.
    if (e instanceof RangeError && /call stack/i.test(e.message))
      return { ok: false, source, failure: { code: 'too-complex', message: '文件结构过于复杂（嵌套层次极深），无法读取，已跳过。请提供报告的正常版本（如另存为 docx 或 PDF）。' } };
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, source, failure: { code: 'internal-error', message: `读取时发生内部错误：${msg}。请把该文件反馈给维护者。` } };
  }
}
