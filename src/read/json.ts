/**
 * Canonical report JSON (what `nianbao parse --format json` prints, or one written by hand)
 * → document: the report is laid out in the official form as plain text (the text
 * renderer) and read like any text report, so parse/check/render accept it unchanged.
 */
import { ReadFailure } from '../core/failure.js';
import type { SourceDocument } from '../core/types.js';
import { CanonicalError, looksCanonical, toCanonical } from '../render/canonical.js';
import { reportModel } from '../render/model.js';
import { renderText } from '../render/text.js';
import { decodeText } from './decode.js';
import { registerReader } from './index.js';
import { readText } from './text.js';

export function readJson(buf: Uint8Array): SourceDocument {
  let v: unknown;
  try {
    v = JSON.parse(decodeText(buf).text.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new ReadFailure('corrupt', `JSON 格式有误，无法解析：${e instanceof Error ? e.message : String(e)}。`);
  }
  if (!looksCanonical(v)) throw new ReadFailure('not-a-report', '该 JSON 不是年度报告的规范格式（应含 meta、sections、cells，即 nianbao parse --format json 的输出）。');
  let report;
  try {
    report = toCanonical(v);
  } catch (e) {
    if (e instanceof CanonicalError) throw new ReadFailure('not-a-report', e.message);
    throw e;
  }
  const model = reportModel(report);
  // The title as printed (title-year checks it), when the JSON has one.
  if (report.meta.title) model.title = report.meta.title;
  // The report's own section headings (numbering as printed), order and omissions: checks of
  // the JSON then see what the source had (section-numbering, -order, -missing).
  if (report.sections.length)
    model.sections = report.sections.flatMap((s) => {
      const m = model.sections.find((x) => x.key === s.key);
      return m ? [{ ...m, heading: `${s.numbering}${s.title}` }] : [];
    });
  const doc = readText(renderText(model));
  return {
    ...doc,
    format: 'json',
    hints: { title: model.title, ...(report.meta.publishedAt ? { publishedAt: report.meta.publishedAt } : {}), ...(report.meta.agency ? { publisher: report.meta.agency } : {}) },
  };
}

registerReader('json', (buf) => readJson(buf));
