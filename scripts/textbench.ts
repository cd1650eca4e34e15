// Dev aid: the text part of the benchmark only.
import { parseBytes } from '../src/pipeline.js';
import { baseTexts, variant } from '../bench/corpus.js';
const bases = baseTexts();
const enc = new TextEncoder();
const n = Number(process.argv[2] ?? 3000);
const bufs = Array.from({ length: n }, (_, i) => enc.encode(variant(bases, i).text));
for (let i = 0; i < 200; i++) await parseBytes(bufs[i], 'w');
const t0 = performance.now();
for (let i = 0; i < n; i++) await parseBytes(bufs[i], 'x');
console.log(`${(n / ((performance.now() - t0) / 1000)).toFixed(0)} reports/s`);
