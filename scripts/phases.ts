// Dev aid: time each phase of parse+check over the bench corpus.
import { baseTexts, variant } from '../bench/corpus.js';
import { decodeText } from '../src/read/decode.js';
import { readText } from '../src/read/text.js';
import { toFields } from '../src/extract/fields.js';
import { findHeadings, buildSections } from '../src/extract/sections.js';
import { extractMeta } from '../src/extract/meta.js';
import { extractTables } from '../src/extract/tables.js';
import { checkReport } from '../src/check/index.js';
import { extractReport } from '../src/extract/index.js';

const bases = baseTexts();
const N = Number(process.argv[2] ?? 2000);
const enc = new TextEncoder();
const bufs = Array.from({ length: N }, (_, i) => enc.encode(variant(bases, i).text));
const t: Record<string, number> = {};
const tick = (k: string, t0: number) => (t[k] = (t[k] ?? 0) + performance.now() - t0);
for (let round = 0; round < 2; round++) {
  for (const k of Object.keys(t)) delete t[k];
  for (const b of bufs) {
    let t0 = performance.now();
    const text = decodeText(b).text; tick('decode', t0); t0 = performance.now();
    const doc = readText(text); tick('readText', t0); t0 = performance.now();
    const fields = toFields(doc); tick('toFields', t0); t0 = performance.now();
    const hs = findHeadings(fields); tick('headings', t0); t0 = performance.now();
    const meta = extractMeta(doc, fields, hs); tick('meta', t0); t0 = performance.now();
    extractTables(fields, hs, meta.template ?? '2021'); tick('tables', t0); t0 = performance.now();
    buildSections(fields, hs); tick('sections', t0); t0 = performance.now();
    const rep = extractReport(doc, 'x'); tick('extractAgain', t0); t0 = performance.now();
    checkReport(rep);
    tick('checks', t0);
  }
}
for (const [k, v] of Object.entries(t).sort((a, b) => b[1] - a[1])) console.log(`${(v / N * 1000).toFixed(1).padStart(7)} µs  ${k}`);
