// Dev aid: profile table extraction alone.
import { baseTexts } from '../bench/corpus.js';
import { readText } from '../src/read/text.js';
import { toFields } from '../src/extract/fields.js';
import { findHeadings } from '../src/extract/sections.js';
import { extractMeta } from '../src/extract/meta.js';
import { extractTables } from '../src/extract/tables.js';
const prepared = baseTexts().map((b) => {
  const doc = readText(b.text);
  const fields = toFields(doc);
  const hs = findHeadings(fields);
  return { name: b.name, fields, hs, v: extractMeta(doc, fields, hs).template ?? '2021' };
});
for (const p of prepared) {
  const n = 1000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) extractTables(p.fields, p.hs, p.v);
  console.log(((performance.now() - t0) / n * 1000).toFixed(0).padStart(5), 'µs', p.name);
}
