// Dev aid: memory of repeated PDF reads.
import { readFileSync } from 'node:fs';
import { parseBytes } from '../src/pipeline.js';
const buf = readFileSync('../shared/fixtures/real/huaian-city-2024.pdf');
for (let i = 1; i <= 60; i++) {
  await parseBytes(buf, 'x.pdf');
  if (i % 15 === 0) { globalThis.gc?.(); const m = process.memoryUsage(); console.log(i, 'heap', (m.heapUsed / 1048576).toFixed(0), 'rss', (m.rss / 1048576).toFixed(0), 'ext', (m.external / 1048576).toFixed(0), 'ab', (m.arrayBuffers / 1048576).toFixed(0)); }
}
