/** Debug: print the blocks a reader makes of a file (tables as tab-separated rows with spans). */
import { readFileSync } from 'node:fs';
import '../src/read/formats.js';
import { readDocument } from '../src/read/index.js';

const file = process.argv[2];
const doc = await readDocument(new Uint8Array(readFileSync(file)), file);
for (const b of doc.blocks) {
  if (b.kind === 'paragraph') console.log(`P ${JSON.stringify(b.pos)} ${b.text}`);
  else {
    console.log(`T ${JSON.stringify(b.pos)}`);
    for (const r of b.rows) console.log('  | ' + r.map((c) => `${c.text}${c.rowSpan ? `{r${c.rowSpan}}` : ''}${c.colSpan ? `{c${c.colSpan}}` : ''}`).join(' | '));
  }
}
for (const i of doc.readIssues) console.log('ISSUE', i.code, i.message);
