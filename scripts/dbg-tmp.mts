import { readFileSync } from 'fs';
import { parseBytes } from '../src/pipeline.ts';
let text = readFileSync(process.argv[2], 'utf8');
if (process.argv[3]) text = text.replace(process.argv[3], process.argv[4]);
const r: any = await parseBytes(new TextEncoder().encode(text), 'x.txt');
const rep = r.report ?? r;
for (const i of rep.readIssues ?? []) console.log(String(i.message).slice(0, 160));
