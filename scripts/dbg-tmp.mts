import { readFileSync } from 'fs';
import '../src/read/formats.ts';
import { readDocument } from '../src/read/index.ts';
import { toFields } from '../src/extract/fields.ts';
const doc: any = await readDocument(new Uint8Array(readFileSync(process.argv[2])), 'x.pdf');
const fields = toFields(doc);
const i = fields.findIndex((f: any) => f.norm.includes(process.argv[3]));
for (const f of fields.slice(Math.max(0, i - 3), i + 25) as any[]) console.log(f.row, f.cellLike ? 'C' : '-', f.grid ? 'G' : '-', JSON.stringify(f.text).slice(0, 80), JSON.stringify(f.pos));
