// Dev aid (speed work): writes a fixed corpus of text reports to a folder: the bench's variants
// (bench/corpus.ts), the text and Markdown fixtures, and zoo documents of the text presentations
// that need no converter. Usage: npx tsx scripts/speedcorpus.ts OUTDIR [BENCH_N] [ZOO_N]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { baseTexts, variant } from '../bench/corpus.js';
import { makeDoc } from '../test/zoo/corpus.js';
import { PRESENTATIONS, toolPresent } from '../test/zoo/present.js';

const [out, benchN = '1200', zooN = '600'] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const enc = new TextEncoder();
const bases = baseTexts();
for (let i = 0; i < Number(benchN); i++) {
  const v = variant(bases, i);
  writeFileSync(path.join(out, `b${String(i).padStart(5, '0')}.txt`), enc.encode(v.text));
}
const fixtures = execFileSync('sh', ['-c', "find test/fixtures -name '*.txt' -o -name '*.md' | sort"], { encoding: 'utf8' }).trim().split('\n');
for (const f of fixtures) writeFileSync(path.join(out, `f-${f.replace(/^test\/fixtures\//, '').replace(/\//g, '_')}`), readFileSync(f));
const formats = PRESENTATIONS.filter((p) => !p.pdf && toolPresent(p) && /^(txt|md|tsv)/.test(p.name)).map((p) => p.name);
for (let i = 0; i < Number(zooN); i++) {
  const d = await makeDoc({ seed: 11, formats }, i);
  writeFileSync(path.join(out, `z${d.truth.id}.${d.rendered.ext}`), d.rendered.bytes);
}
console.log(formats.join(','));
