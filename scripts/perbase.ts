// Dev aid: parse+check time per base report.
import { baseTexts } from '../bench/corpus.js';
import { parseBytes } from '../src/pipeline.js';
const enc = new TextEncoder();
for (const b of baseTexts()) {
  const buf = enc.encode(b.text);
  for (let i = 0; i < 100; i++) await parseBytes(buf, b.name);
  const t0 = performance.now();
  for (let i = 0; i < 300; i++) await parseBytes(buf, b.name);
  console.log(((performance.now() - t0) / 300 * 1000).toFixed(0).padStart(6), 'µs', b.name, buf.length);
}
