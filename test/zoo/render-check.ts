/**
 * LibreOffice sometimes drops table rows when it lays out a DOCX (a tall row that cannot be
 * split at a page end): the PDF then lacks figures its truth has, and scoring the parser on it
 * would blame the reader for the renderer. A document whose rendered text holds fewer figures
 * than its truth has filled cells, or lost table 四's header, is left out of the run, and counted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusEntry, GeneratedCorpus } from './generate.js';

function figuresIn(text: string): number {
  return (text.match(/\d+(?:\.\d+)?/g) ?? []).length;
}

function renderedText(dir: string, e: CorpusEntry): string | null {
  const file = path.join(dir, e.file);
  if (e.file.endsWith('.pdf')) {
    try {
      return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    } catch {
      return null;
    }
  }
  return readFileSync(file, 'utf8');
}

/** The corpus without documents the renderer lost figures of; the verdicts are cached in the corpus folder. */
export function dropLostRenderings(corpus: GeneratedCorpus): { corpus: GeneratedCorpus; lost: CorpusEntry[] } {
  const cacheFile = path.join(corpus.dir, 'render-lost.json');
  let lostIds: string[];
  if (existsSync(cacheFile)) lostIds = JSON.parse(readFileSync(cacheFile, 'utf8')) as string[];
  else {
    lostIds = [];
    for (const e of corpus.entries) {
      if (!/pdf/.test(e.presentation)) continue;
      const text = renderedText(corpus.dir, e);
      if (text === null) continue;
      const filled = Object.values(e.cells).filter((v) => v !== null).length;
      // (Prose that states figures hides a lost row from the count; table 四's header names
      // 结果维持 once for each of its three groups — wrapped or not — so fewer 维持 means its rows were lost.)
      const t4 = Object.entries(e.cells).some(([k, v]) => k.startsWith('t4.') && v !== null);
      // (Page numbers and running headers add figures too: a table 二 lost whole — a landscape
      // page whose tall rows do not fit — is told by its row labels, which no prose of the zoo uses.)
      const t2 = Object.entries(e.cells).some(([k, v]) => k.startsWith('t2.') && v !== null);
      const flat = text.replace(/\s+/g, '');
      if (figuresIn(text) < filled || (t4 && (flat.match(/维持/g) ?? []).length < 3) || (t2 && !(flat.includes('行政许可') && flat.includes('行政处罚')))) lostIds.push(e.id);
    }
    writeFileSync(cacheFile, JSON.stringify(lostIds));
  }
  const lost = corpus.entries.filter((e) => lostIds.includes(e.id));
  return { corpus: { ...corpus, entries: corpus.entries.filter((e) => !lostIds.includes(e.id)) }, lost };
}
