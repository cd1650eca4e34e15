// Parse every PDF in a folder named <id>-<presentation>.pdf and score it against the corpus truth.
import { readFileSync, readdirSync } from 'node:fs';
import { parseBytes } from '/work/main/src/pipeline.ts';
const [corpus, dir] = process.argv.slice(2);
const truth = new Map(readFileSync(`${corpus}/truth.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((t) => [t.id, t]));
let exact = 0, wrong = 0, silent = 0, abst = 0, tot = 0, meta = 0;
for (const f of readdirSync(dir).filter((x) => x.endsWith(process.env.EXT ?? ".pdf"))) {
  const t: any = truth.get(f.replace(/\.(pdf|txt)$/, ""));
  const r: any = await parseBytes(readFileSync(`${dir}/${f}`), f);
  if (!r.ok) { console.log(f, 'FAIL', r.failure.message); continue; }
  const un = new Set(r.findings.filter((x: any) => x.rule === 'unreadable').flatMap((x: any) => x.cells));
  for (const [k, v] of Object.entries(t.cells)) { tot++; const g = r.cells[k]; if (g === v) exact++; else if (g == null && un.has(k)) abst++; else if (g == null) { silent++; } else { wrong++; console.log(f, 'WRONG', k, v, g); } }
  if (r.meta.agency !== t.meta.agency) { meta++; console.log(f, 'agency', r.meta.agency); }
}
console.log({ tot, exact, abst, silent, wrong, meta });
