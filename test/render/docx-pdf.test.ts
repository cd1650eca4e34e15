import fc from 'fast-check';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/json.js';
import { parseBytes } from '../../src/pipeline.js';
import { toCanonical } from '../../src/render/canonical.js';
import { renderReport } from '../../src/render/index.js';
import { reportArb } from './gen.js';
import { docxToPdf, HAS_PDFTOPPM, HAS_SOFFICE, pageToPng } from './office.js';
import { expectSameReport } from './roundtrip.js';
import { SEEDS } from '../helpers/paths.js';

const ART = path.resolve('test-artifacts/render');

const SEED_IDS = ['000_2790cd25742a97b3', '001_5f25c15575702d27', '002_9d29cf3bbd4964f6', '003_397039d31f300f54', '004_e9b0b4183da4b0c6'];

async function seedReport(id: string) {
  const o = await parseBytes(readFileSync(path.join(SEEDS, `${id}.txt`)), `${id}.txt`);
  if (!o.ok) throw new Error(o.failure.message);
  return toCanonical(JSON.parse(JSON.stringify(toJson(o))));
}

describe('DOCX', () => {
  for (const v of ['2021', '2019'] as const)
    it(`round trip of a random valid ${v} report (example)`, async () => {
      const [r] = fc.sample(reportArb(v), { numRuns: 1, seed: v === '2021' ? 7 : 11 });
      const bytes = await renderReport(r, 'docx');
      mkdirSync(ART, { recursive: true });
      writeFileSync(path.join(ART, `random-${v}.docx`), bytes);
      await expectSameReport(r, bytes, `random-${v}.docx`);
    });

  it('every seed renders to a DOCX that reads back to the same cells', async () => {
    for (const id of SEED_IDS) {
      const r = await seedReport(id);
      const o = await parseBytes(await renderReport(r, 'docx'), `${id}.docx`);
      expect(o.ok && o.cells, id).toEqual(r.cells);
    }
  });
});

describe.skipIf(!HAS_SOFFICE)('PDF from DOCX through LibreOffice', () => {
  it('round trip of a random valid 2021 report (example)', async () => {
    const [r] = fc.sample(reportArb('2021'), { numRuns: 1, seed: 7 });
    const dir = path.join(ART, 'pdf');
    mkdirSync(dir, { recursive: true });
    const docx = path.join(dir, 'random-2021.docx');
    writeFileSync(docx, await renderReport(r, 'docx'));
    const [pdf] = docxToPdf([docx], dir);
    await expectSameReport(r, readFileSync(pdf), 'random-2021.pdf', { sections: false });
  });

  it.skipIf(!HAS_PDFTOPPM)('each seed: rendered DOCX → PDF → a page as PNG in test-artifacts/render/seeds', async () => {
    const dir = path.join(ART, 'seeds');
    mkdirSync(dir, { recursive: true });
    const files: string[] = [];
    for (const id of SEED_IDS) {
      const f = path.join(dir, `${id}.docx`);
      writeFileSync(f, await renderReport(await seedReport(id), 'docx'));
      files.push(f);
    }
    const pdfs = docxToPdf(files, dir);
    for (const pdf of pdfs) {
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // Page 1 holds the title and the start of 表二; the table pages follow.
      for (const page of [1, 2, 3]) {
        const png = pageToPng(pdf, page, pdf.replace(/\.pdf$/, `-p${page}`));
        expect(statSync(png).size, png).toBeGreaterThan(5000);
      }
    }
  });
});
