// Print zoo html-cms documents to PDF with Chromium (playwright-core), then parse and score them.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { parseBytes } from '/work/main/src/pipeline.ts';
const dir = process.argv[2]; const n = Number(process.argv[3] ?? 20); const out = process.argv[4] ?? '/work/tmp/chrome';
mkdirSync(out, { recursive: true });
const truths = readFileSync(`${dir}/truth.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((t) => t.presentation === (process.env.PRES ?? 'html-word-gbk')).slice(0, n);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
let exact = 0, wrong = 0, silent = 0, abst = 0, cellsTot = 0, metaBad = 0;
for (const t of truths) {
  const file = `${dir}/${t.file}`;
  await page.goto('file://' + file);
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  writeFileSync(`${out}/${t.id}.pdf`, pdf);
  const r: any = await parseBytes(new Uint8Array(pdf), `${t.id}.pdf`);
  if (!r.ok) { console.log(t.id, 'FAIL', r.failure?.message); continue; }
  const unread = new Set(r.findings.filter((f: any) => f.rule === 'unreadable').flatMap((f: any) => f.cells));
  for (const [k, v] of Object.entries(t.cells)) {
    cellsTot++;
    const got = r.cells[k];
    if (got === v) exact++;
    else if (got == null && unread.has(k)) abst++;
    else if (got == null) silent++;
    else { wrong++; console.log(t.id, 'WRONG', k, v, got); }
  }
  if (r.meta.agency !== t.meta.agency) { metaBad++; if (metaBad < 5) console.log(t.id, 'agency', r.meta.agency, '≠', t.meta.agency); }
}
console.log({ docs: truths.length, cellsTot, exact, abst, silent, wrong, metaBad });
await browser.close();
