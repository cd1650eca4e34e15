/**
 * One zoo document on demand, for a reproducer:
 *   npx tsx test/zoo/make-one.ts PRESENTATION [PERTURBATION,…|-] [DEFECT|-] [SEED] [TEMPLATE] [OUTDIR]
 * writes the document and its truth (.truth.json) and prints the path. With the same seed and no
 * perturbation or defect it gives the clean document the perturbed one differs from.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFECTS, finishExpected, injectDefect, validReport, type Defect } from './canonical.js';
import { PERTURBATIONS, buildDoc, perturbReport, type Perturbation } from './doc.js';
import { PRESENTATIONS } from './present.js';
import { Rng } from './rng.js';

const [pres, pert = '-', defect = '-', seed = '7', template = '2021', out = '.'] = process.argv.slice(2);
const presentation = PRESENTATIONS.find((p) => p.name === pres);
const perts = pert === '-' ? [] : (pert.split(',') as Perturbation[]);
const bad = [...perts.filter((p) => !PERTURBATIONS.includes(p)), ...(defect !== '-' && !DEFECTS.includes(defect as Defect) ? [defect] : [])];
if (!presentation || bad.length || (template !== '2019' && template !== '2021')) {
  process.stderr.write(
    `用法：npx tsx test/zoo/make-one.ts 呈现 [扰动,…|-] [缺陷|-] [种子] [2019|2021] [输出目录]\n呈现：${PRESENTATIONS.map((p) => p.name).join('、')}\n扰动：${PERTURBATIONS.join('、')}\n缺陷：${DEFECTS.join('、')}\n`,
  );
  process.exit(2);
}
const rng = new Rng(Number(seed));
const r = validReport(rng, template);
if (defect !== '-' && !injectDefect(rng, r, defect as Defect)) process.stderr.write(`注意：缺陷 ${defect} 不适用于这份报告（换一个种子）。\n`);
const applied = perts.filter((p) => perturbReport(rng, r, p));
finishExpected(r);
const rendered = await presentation.render(buildDoc(rng, r, applied), rng);
mkdirSync(out, { recursive: true });
const file = path.join(out, `${pres}-${applied.join('+') || 'clean'}-${defect === '-' ? 'valid' : defect}-${seed}.${rendered.ext}`);
writeFileSync(file, rendered.bytes);
writeFileSync(`${file}.truth.json`, JSON.stringify({ agency: r.agency, year: r.year, template: r.template, level: r.level, publishedAt: r.publishedAt, cells: r.cells, expected: r.expected, labelVariants: r.labelVariants, details: rendered.details ?? [] }, null, 1));
process.stdout.write(`${file}${rendered.office ? `（DOCX，用 soffice --headless --convert-to ${rendered.office} 转换）` : ''}\n`);
