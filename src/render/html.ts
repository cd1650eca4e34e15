/** A standalone, printable HTML page of the report (A4, 仿宋/宋体 with CJK fallbacks). */
import type { LayoutTable, ReportModel } from './model.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const CSS = `
@page { size: A4; margin: 25mm 22mm; }
html { background: #fff; }
body { max-width: 170mm; margin: 2em auto; padding: 0 1em; color: #000;
  font-family: "FangSong", "仿宋", "FangSong_GB2312", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif;
  font-size: 16pt; line-height: 1.75; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 .8em; line-height: 1.4; }
h2 { font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 1em 0 .4em; }
p { text-indent: 2em; margin: 0 0 .3em; text-align: justify; }
p.date { text-align: center; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: .6em 0 1em; page-break-inside: auto;
  font-family: "SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 10.5pt; line-height: 1.35; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td, th { border: 1px solid #000; padding: 3px 4px; vertical-align: middle; text-align: center; font-weight: normal; }
td.label { text-align: left; }
td.heading { text-align: left; font-weight: bold; }
th.note { font-size: 9pt; }
td.value { font-family: "Times New Roman", "SimSun", "宋体", serif; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
`;

function tableHtml(t: LayoutTable): string {
  const head: string[] = [];
  const body: string[] = [];
  for (const r of t.rows) {
    const cells = r.cells.map((c) => {
      const tag = r.header ? 'th' : 'td';
      const span = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
      const data = c.key ? ` data-key="${escapeHtml(c.key)}"` : '';
      return `<${tag} class="${c.role}"${span}${data}>${escapeHtml(c.text)}</${tag}>`;
    });
    (r.header ? head : body).push(`<tr>${cells.join('')}</tr>`);
  }
  return `<table class="${t.id}">\n${head.length ? `<thead>\n${head.join('\n')}\n</thead>\n` : ''}<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

export function renderHtml(m: ReportModel): string {
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(m.title)}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<article>',
    `<h1>${escapeHtml(m.title)}</h1>`,
  ];
  if (m.dateLine) out.push(`<p class="date">${escapeHtml(m.dateLine)}</p>`);
  for (const s of m.sections) {
    out.push(`<h2>${escapeHtml(s.heading)}</h2>`);
    if (s.table) out.push(tableHtml(s.table));
    for (const p of s.paragraphs) out.push(`<p>${escapeHtml(p)}</p>`);
  }
  out.push('</article>', '</body>', '</html>');
  return out.join('\n') + '\n';
}
