/**
 * The same report content in every published form — text, HTML (UTF-8 and GBK, with
 * rowspan/colspan), DOCX (merged cells), legacy DOC and PDF (both made by LibreOffice from
 * the DOCX) — must extract to identical cells.
 */
import iconv from 'iconv-lite';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/json.js';
import { parseBytes } from '../../src/pipeline.js';
import { toCanonical, type CanonicalReport } from '../../src/render/canonical.js';
import { renderReport } from '../../src/render/index.js';
import { SEEDS } from '../helpers/paths.js';
import { HAS_SOFFICE } from '../render/office.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-xfmt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function canonicalOf(seed: string): Promise<CanonicalReport> {
  const o = await parseBytes(readFileSync(path.join(SEEDS, seed)), seed);
  if (!o.ok) throw new Error(o.failure.message);
  return toCanonical(toJson(o));
}

async function cellsOf(bytes: Uint8Array, name: string) {
  const o = await parseBytes(bytes, name);
  if (!o.ok) throw new Error(`${name}: ${o.failure.code} ${o.failure.message}`);
  return o.cells;
}

function soffice(file: string, to: 'doc' | 'pdf'): Buffer {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'nianbao-lo-'));
  try {
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', to, '--outdir', path.dirname(file), file], { stdio: 'ignore', timeout: 120_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return readFileSync(file.replace(/\.docx$/, `.${to}`));
}

// 000: a row shift (figures in the wrong row); 002: rows left blank (null, never 0).
for (const seed of ['000_2790cd25742a97b3.txt', '002_9d29cf3bbd4964f6.txt']) {
  describe(`${seed} in every format`, () => {
    it('text, HTML (UTF-8, GBK), DOCX, DOC and PDF give identical cells', { timeout: 240_000 }, async () => {
      const report = await canonicalOf(seed);
      const want = report.cells;
      expect(await cellsOf(await renderReport(report, 'txt'), 'r.txt')).toEqual(want);

      const html = new TextDecoder().decode(await renderReport(report, 'html'));
      expect(html).toMatch(/rowspan|colspan/);
      expect(await cellsOf(new TextEncoder().encode(html), 'r.html')).toEqual(want);
      const gbk = iconv.encode(html.replace(/<meta charset="?utf-8"?\s*\/?>/i, '<meta charset="gbk">'), 'gbk');
      expect(new TextDecoder().decode(gbk)).not.toBe(html); // really other bytes
      expect(await cellsOf(gbk, 'r-gbk.html')).toEqual(want);

      const docx = await renderReport(report, 'docx');
      expect(await cellsOf(docx, 'r.docx')).toEqual(want);
      if (!HAS_SOFFICE) return; // .ci/run installs LibreOffice; without it only DOC/PDF are left out
      const file = path.join(tmp, `${seed}.docx`);
      writeFileSync(file, docx);
      expect(await cellsOf(soffice(file, 'doc'), 'r.doc')).toEqual(want);
      expect(await cellsOf(soffice(file, 'pdf'), 'r.pdf')).toEqual(want);
    });
  });
}
