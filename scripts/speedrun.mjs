// Dev aid (speed work): parse+check a folder of reports with a compiled build, single thread.
//   node scripts/speedrun.mjs DIST CORPUS ref OUTDIR   — writes each result's full JSON to OUTDIR
//   node scripts/speedrun.mjs DIST CORPUS time [PASSES] — CPU-time rate of the process over PASSES passes
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, corpus, mode, arg] = process.argv.slice(2);
const { parseBytes } = await import(pathToFileURL(path.resolve(dist, 'pipeline.js')).href);
const names = readdirSync(corpus).sort().filter((n) => !process.env.ONLY || new RegExp(process.env.ONLY).test(n));
const files = names.map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(path.join(corpus, n))) }));
if (mode === 'ref') {
  mkdirSync(arg, { recursive: true });
  for (const f of files) writeFileSync(path.join(arg, `${f.name}.json`), JSON.stringify(await parseBytes(f.bytes, f.name), null, 1));
  console.log(`${files.length} written`);
} else {
  const passes = Number(arg ?? 2);
  for (const f of files.slice(0, 300)) await parseBytes(f.bytes, f.name); // warm-up
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  for (let p = 0; p < passes; p++) for (const f of files) { await parseBytes(f.bytes, f.name); n++; }
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  const wall = (performance.now() - t0) / 1000;
  console.log(`${dist}: ${n} reports, cpu ${cpu.toFixed(2)} s → ${(n / cpu).toFixed(0)} reports/s (cpu), wall ${(n / wall).toFixed(0)}/s`);
}
