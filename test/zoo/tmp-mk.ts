import { writeFileSync } from 'node:fs';
import { makeDoc } from './corpus.js';
const [seed, idx, fmt, out] = process.argv.slice(2);
const d = await makeDoc({ seed: Number(seed), formats: [fmt] }, Number(idx));
writeFileSync(`${out}/${d.truth.id}.${d.rendered.ext}`, d.rendered.bytes);
console.log(d.truth.id, d.rendered.details);
