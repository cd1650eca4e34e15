/** Canonical report → bytes of the official form in one output format. Pure. */
import type { CanonicalReport } from './canonical.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { reportModel } from './model.js';
import { renderText } from './text.js';

import type { RenderFormat } from './formats.js';

export { RENDER_FORMATS, type RenderFormat } from './formats.js';

export async function renderReport(r: CanonicalReport, format: RenderFormat): Promise<Uint8Array> {
  const m = reportModel(r);
  // The docx library is loaded only when a .docx is written.
  if (format === 'docx') return (await import('./docx.js')).renderDocx(m);
  const text = format === 'html' ? renderHtml(m) : format === 'md' ? renderMarkdown(m) : renderText(m);
  return new TextEncoder().encode(text);
}
