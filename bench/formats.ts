/**
 * Per-format throughput of parse+check on one core: HTML and DOCX rendered from the seeds
 * by this project, the real 6-page PDF, and the real HTML page (with site chrome).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from '../src/read/index.js';
import { toJson } from '../src/cli/json.js';
import { toCanonical } from '../src/render/canonical.js';
import { renderReport } from '../src/render/index.js';
import { SHARED, baseTexts } from './corpus.js';

// The compiled build is what `npx nianbao` runs: that is measured, not the sources through tsx's loader
// (whose hooks cost about a fifth of a text report's time). `npm run bench` builds first.
const { parseBytes } = (await import(new URL('../dist/pipeline.js', import.meta.url).href)) as typeof import('../src/pipeline.js');

function mb(n: number): string {
  return `${(n / 1048576).toFixed(0)} MB`;
}

async function measure(label: string, inputs: { name: string; bytes: Uint8Array }[], seconds: number, pages = 0): Promise<void> {
  for (const i of inputs.slice(0, 3)) await parseBytes(i.bytes, i.name); // warm-up
  globalThis.gc?.();
  let n = 0;
  let failed = 0;
  let peak = process.memoryUsage().rss;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const i = inputs[n % inputs.length];
    const o = await parseBytes(i.bytes, i.name);
    if (!o.ok) failed++;
    n++;
    if (n % 10 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const secs = (performance.now() - t0) / 1000;
  const perPage = pages ? `，${((n * pages) / secs).toFixed(1)} 页/秒（目标 ≥ 10）` : '';
  console.log(`${label}（单线程）：${n} 份，${(n / secs).toFixed(1)} 份/秒${perPage}，峰值 RSS ${mb(peak)}，失败 ${failed}`);
}

const seeds = baseTexts().filter((b) => /^\d{3}_/.test(b.name));
const canon = [];
for (const s of seeds) {
  const o = await parseBytes(new TextEncoder().encode(s.text), s.name);
  if (o.ok) canon.push(toCanonical(toJson(o)));
}
const html = await Promise.all(canon.map(async (c, i) => ({ name: `r${i}.html`, bytes: await renderReport(c, 'html') })));
const docx = await Promise.all(canon.map(async (c, i) => ({ name: `r${i}.docx`, bytes: await renderReport(c, 'docx') })));
const realHtml = [{ name: 'pingtan-2023.html', bytes: readFileSync(path.join(SHARED, 'real/pingtan-2023.html')) }];
const pdf = [{ name: 'huaian-city-2024.pdf', bytes: readFileSync(path.join(SHARED, 'real/huaian-city-2024.pdf')) }];

await measure('HTML（由样本生成）parse+check', html, 4);
await measure('HTML（政府网站原页面，含页面框架，119 KB）parse+check', realHtml, 4);
await measure('DOCX（由样本生成，含合并单元格）parse+check', docx, 4);
const pdfPages = Math.max(...(await readDocument(pdf[0].bytes, pdf[0].name)).blocks.map((b) => b.pos.page ?? 0));
await measure(`PDF（淮安市 2024，${pdfPages} 页）parse+check`, pdf, 6, pdfPages);
