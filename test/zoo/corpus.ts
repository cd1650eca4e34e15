/**
 * The zoo corpus: document i of a run is fully determined by (seed, i): its canonical report,
 * defect, perturbations, presentation and bytes. PDFs are produced from DOCX by LibreOffice in
 * batches (pdf.ts); the rest in process.
 */
import { DEFECTS, finishExpected, injectDefect, validReport, type Cells, type ExpectedFinding, type Level } from './canonical.js';
import { PERTURBATIONS, buildDoc, perturbReport, type Perturbation, type ZDoc } from './doc.js';
import { PRESENTATIONS, type Rendered } from './present.js';
import { Rng, docSeed } from './rng.js';

export interface ZooTruth {
  id: string;
  index: number;
  presentation: string;
  defect: string | null;
  perturbations: string[];
  meta: { agency: string; year: number; template: string; level: Level; publishedAt: string | null };
  /** Every template cell, null where the report leaves it blank. */
  cells: Cells;
  /** Findings the parser must report (injected defects and what they imply). */
  expected: ExpectedFinding[];
  /** Findings allowed alongside the expected ones (not required). */
  tolerated: ExpectedFinding[];
  /** Row keys whose printed label must yield label-variant. */
  labelVariants: string[];
  /** What the presentation did beyond its layout (figures pushed down, column widths …). */
  details: string[];
}

export interface ZooDoc {
  truth: ZooTruth;
  rendered: Rendered;
  /** The document before its presentation (to render it another way). */
  doc: ZDoc;
}

export interface CorpusOptions {
  seed: number;
  /** Presentation names to use (default all). */
  formats?: string[];
  /** Share of documents with an injected defect. */
  defectShare?: number;
  /** Probability of each perturbation. */
  perturbP?: number;
}

/** Builds document i (without converting PDFs). */
export async function makeDoc(opts: CorpusOptions, i: number): Promise<ZooDoc> {
  const rng = new Rng(docSeed(opts.seed, i));
  const presentations = PRESENTATIONS.filter((p) => !opts.formats || opts.formats.includes(p.name));
  if (presentations.length === 0) throw new Error(`没有可用的呈现形式：${opts.formats?.join(',')}`);
  const pres = presentations[i % presentations.length];
  const r = validReport(rng);
  let defect: string | null = null;
  if (rng.chance(opts.defectShare ?? 0.4)) {
    // Cycle through the defects so every one is exercised in any run of a few dozen documents.
    for (let k = 0; k < DEFECTS.length && defect === null; k++) {
      const d = DEFECTS[(i + k) % DEFECTS.length];
      const before = JSON.stringify(r);
      if (injectDefect(rng, r, d)) defect = d;
      else Object.assign(r, JSON.parse(before));
    }
  }
  const perturbations: Perturbation[] = [];
  for (const p of PERTURBATIONS) if (rng.chance(opts.perturbP ?? 0.15) && perturbReport(rng, r, p)) perturbations.push(p);
  finishExpected(r);
  const doc = buildDoc(rng, r, perturbations);
  const rendered = await pres.render(doc, rng);
  const id = `${String(i).padStart(6, '0')}-${pres.name}`;
  return {
    truth: {
      id,
      index: i,
      presentation: pres.name,
      defect,
      perturbations,
      meta: { agency: r.agency, year: r.year, template: r.template, level: r.level, publishedAt: r.publishedAt },
      cells: r.cells,
      expected: r.expected,
      tolerated: r.tolerated,
      labelVariants: r.labelVariants,
      details: rendered.details ?? [],
    },
    rendered,
    doc,
  };
}
