// Dev aid: profile HTML parse+check.
import { parseBytes } from '../src/pipeline.js';
import { toJson } from '../src/cli/json.js';
import { toCanonical } from '../src/render/canonical.js';
import { renderReport } from '../src/render/index.js';
import { readFileSync } from 'node:fs';
const o = await parseBytes(readFileSync('../shared/fixtures/seeds/000_2790cd25742a97b3.txt'), 'a.txt');
if (!o.ok) throw new Error('x');
const html = await renderReport(toCanonical(toJson(o)), 'html');
const n = Number(process.argv[2] ?? 1000);
const t0 = performance.now();
for (let i = 0; i < n; i++) await parseBytes(html, 'x.html');
console.log(((performance.now() - t0) / n * 1000).toFixed(0), 'µs per html', html.length);
