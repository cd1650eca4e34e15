/** Canonical report → bytes of the official form in one output format. Pure. */
import type { CanonicalReport } from './canonical.js';
import { renderDocx } from './docx.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { reportModel } from './model.js';
import { renderText } from './text.js';

export const RENDER_FORMATS = ['docx', 'html', 'md', 'txt'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];

export async function renderReport(r: CanonicalReport, format: RenderFormat): Promise<Uint8Array> {
  const m = reportModel(r);
  if (format === 'docx') return renderDocx(m);
  const text = format === 'html' ? renderHtml(m) : format === 'md' ? renderMarkdown(m) : renderText(m);
  return new TextEncoder().encode(text);
}
