// Dev aid (speed work): two compiled builds in one process, run alternately on small batches of
// the same corpus, CPU time accumulated per build — load on a shared machine hits both alike.
//   node scripts/speedab.mjs DIST_A DIST_B CORPUS [ROUNDS] [BATCH]   (ONLY=regex filters file names)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [distA, distB, corpus, rounds = '3', batch = '50'] = process.argv.slice(2);
const load = async (d) => (await import(pathToFileURL(path.resolve(d, 'pipeline.js')).href)).parseBytes;
const builds = [
  { name: distA, parse: await load(distA), cpu: 0, n: 0 },
  { name: distB, parse: await load(distB), cpu: 0, n: 0 },
];
const names = readdirSync(corpus).sort().filter((n) => !process.env.ONLY || new RegExp(process.env.ONLY).test(n));
const files = names.map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(path.join(corpus, n))) }));
for (const b of builds) for (const f of files.slice(0, 300)) await b.parse(f.bytes, f.name); // warm-up
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1e6;
};
const B = Number(batch);
for (let r = 0; r < Number(rounds); r++)
  for (let i = 0; i < files.length; i += B)
    for (const b of r % 2 ? [...builds].reverse() : builds) {
      const t = cpuNow();
      for (const f of files.slice(i, i + B)) await b.parse(f.bytes, f.name);
      b.cpu += cpuNow() - t;
      b.n += Math.min(B, files.length - i);
    }
for (const b of builds) console.log(`${b.name}: ${b.n} reports, cpu ${b.cpu.toFixed(2)} s → ${(b.n / b.cpu).toFixed(0)} reports/s (cpu)`);
console.log(`ratio ${(builds[0].cpu / builds[1].cpu).toFixed(3)}× (A's CPU time / B's)`);
