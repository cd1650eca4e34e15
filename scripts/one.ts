// Dev aid: parse+check one file many times (for profiling).
import { readFileSync } from 'node:fs';
import { parseBytes } from '../src/pipeline.js';
const buf = readFileSync(process.argv[2]);
const n = Number(process.argv[3] ?? 2000);
const t0 = performance.now();
for (let i = 0; i < n; i++) await parseBytes(buf, 'x');
console.log(((performance.now() - t0) / n * 1000).toFixed(0), 'µs');
