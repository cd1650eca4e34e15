// Dev aid: print the token stream of one table region.
import { readFileSync } from 'node:fs';
import { readDocument } from '../src/read/index.js';
import { toFields } from '../src/extract/fields.js';
import { findHeadings } from '../src/extract/sections.js';
import { lexicon } from '../src/extract/lexicon.js';
import { tokenize } from '../src/extract/tokens.js';

const [file, table, version] = process.argv.slice(2);
const doc = await readDocument(readFileSync(file), file);
const fields = toFields(doc);
const hs = findHeadings(fields);
console.log(hs.map((h) => `${h.key}@${h.field}:${h.start}-${h.end}`).join(' '));
const sec = { t2: 'proactive', t3: 'requests', t4: 'appeals' }[table as 't2']!;
const i = hs.findIndex((h) => h.key === sec);
const h = hs[i], n = hs[i + 1];
const toks = tokenize(fields, { field: h.field, offset: h.end }, n ? { field: n.field, offset: n.start } : { field: fields.length - 1, offset: 1e9 }, lexicon((version ?? '2021') as '2021'), table as 't3');
for (const t of toks) console.log(t.type === 'label' ? `L[${t.entry.kind}:${t.entry.rowKey ?? t.entry.pattern}] ${t.printed}` : t.type === 'value' ? `  V ${t.kind} ${JSON.stringify(t.raw)}` : `  T ${JSON.stringify(t.raw.slice(0, 40))}`);
