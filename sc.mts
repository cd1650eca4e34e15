import { readFileSync } from 'node:fs';
import { parseBytes } from './src/pipeline.js';
const [file, prefix = 't3.unable'] = process.argv.slice(2);
const o: any = await parseBytes(readFileSync(file), file);
const r = o.report ?? o;
const cells = r.cells ?? r.extracted?.cells;
for (const [k, v] of Object.entries(cells)) if (k.startsWith(prefix)) console.log(k, JSON.stringify((v as any)?.value ?? v));
if (process.env.F) for (const f of (r.findings ?? o.findings ?? [])) console.log(f.rule, f.message);
