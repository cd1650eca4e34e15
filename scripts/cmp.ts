// Dev aid: extract fixtures and compare cells/meta with the truth files (no checks).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from '../src/read/index.js';
import '../src/read/formats.js';
import { extractReport } from '../src/extract/index.js';

const dirs = process.argv.slice(2);
for (const dir of dirs) {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.expected.json')).sort()) {
    const t = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    const src = path.join(dir, t.source);
    try {
      const doc = await readDocument(readFileSync(src), src);
      const r = extractReport(doc, src);
      const wrong: string[] = [];
      for (const [k, v] of Object.entries(t.cells)) if (r.cells[k] !== v) wrong.push(`${k}=${r.cells[k]}≠${v}`);
      const meta: string[] = [];
      for (const [k, v] of Object.entries(t.meta)) if (String((r.meta as any)[k]) !== String(v)) meta.push(`${k}: ${(r.meta as any)[k]} ≠ ${v}`);
      console.log(t.source, 'wrong', wrong.length, wrong.slice(0, 8).join('; '), '| meta', meta.join('; '), '| sections', r.sections.map((s) => s.key + s.numbering).join(','), '| issues', r.readIssues.map((i) => i.message.slice(0, 60)).join(' / '));
    } catch (e) {
      console.log(t.source, 'FAIL', (e as Error).message);
    }
  }
}
