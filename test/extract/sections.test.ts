/** Section headings where a layout left them: alone on a line, wrapped, or run into a table row's words. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/pipeline.js';
import { findHeadings } from '../../src/extract/sections.js';
import type { Field } from '../../src/extract/fields.js';
import { normalizeText } from '../../src/core/normalize.js';
import { SEEDS } from '../helpers/paths.js';

const seed = readFileSync(path.join(SEEDS, '004_e9b0b4183da4b0c6.txt'), 'utf8');

async function sectionFindings(text: string) {
  const r = await parseBytes(new TextEncoder().encode(text), 'x.txt');
  if (!r.ok) throw new Error(r.failure.message);
  return { rules: r.findings.map((f) => f.rule), sections: r.sections.map((s) => s.key) };
}

describe('a numbered heading run into the words after it in one cell', () => {
  it('starts its section (a PDF page layout put it in the row of a table ruled between rows)', async () => {
    const text = seed.replace('四、政府信息公开行政复议、行政诉讼情况\n', '四、政府信息公开行政复议、行政诉讼情况行政复议\t行政诉讼\n');
    expect(text).not.toBe(seed);
    const got = await sectionFindings(text);
    expect(got.rules).not.toContain('section-missing');
    expect(got.sections).toContain('appeals');
  });

  it('only with its numbering at the start: a row label mentioning the words is no heading', async () => {
    const text = seed.replace('四、政府信息公开行政复议、行政诉讼情况\n', '说明：政府信息公开行政复议、行政诉讼情况见下表\n');
    const got = await sectionFindings(text);
    expect(got.rules).toContain('section-missing');
  });
});

describe('a heading with one character garbled or lost (Ghostscript\'s text of a browser\'s PDF)', () => {
  const problems = '五、存在的主要问题及改进情况\n';
  it('is found by its own numeral and the rest of its title: 改ß, 改情况, 改进进情况', async () => {
    for (const garbled of ['五、存在的主要问题及改ß情况\n', '五、存在的主要问题及改情况\n', '五、存在的主要问题及改进进情况\n']) {
      const text = seed.replace(problems, garbled);
      expect(text).not.toBe(seed);
      const got = await sectionFindings(text);
      expect(got.rules).not.toContain('section-missing');
      expect(got.sections).toContain('problems');
    }
  });

  it('not with another numeral, two characters wrong, run into prose, or out of order', async () => {
    const cases = [
      seed.replace(problems, '三、存在的主要问题及改ß情况\n'),
      seed.replace(problems, '五、存在的主要问ß及改ß情况\n'),
      seed.replace(problems, '五、我们认为，存在的主要问题及改ß情况\n'),
    ];
    for (const text of cases) {
      expect(text).not.toBe(seed);
      expect((await sectionFindings(text)).rules).toContain('section-missing');
    }
    // Before section 四's heading: not section 五's.
    const lines = seed.split('\n');
    const at = lines.indexOf(problems.trim());
    const four = lines.findIndex((l) => l.startsWith('四、'));
    expect(at).toBeGreaterThan(four);
    lines.splice(at, 1);
    lines.splice(four, 0, '五、存在的主要问题及改ß情况');
    expect((await sectionFindings(lines.join('\n'))).rules).toContain('section-missing');
  });
});

describe('a heading whose arabic number a converter moved away (`5、存在…` → `、存在…`)', () => {
  const problems = '五、存在的主要问题及改进情况\n';
  it('is found when its title is whole; its numbering is reported as printed', async () => {
    const text = seed.replace(problems, '、存在的主要问题及改进情况\n');
    expect(text).not.toBe(seed);
    const got = await sectionFindings(text);
    expect(got.rules).not.toContain('section-missing');
    expect(got.rules).toContain('section-numbering');
  });

  it('not when the title is garbled too, or words stand before it', async () => {
    for (const line of ['、存在的主要问题及改ß情况\n', '、关于存在的主要问题及改进情况\n']) {
      const text = seed.replace(problems, line);
      expect(text).not.toBe(seed);
      expect((await sectionFindings(text)).rules).toContain('section-missing');
    }
  });
});

describe('a heading a converter cut or joined to other words', () => {
  it('after the last characters of the paragraph before it on its line (Ghostscript: 况。二、主动公开政府信息情况)', async () => {
    const text = seed.replace('\n\n二、主动公开政府信息情况\n', '\n况。二、主动公开政府信息情况\n');
    expect(text).not.toBe(seed);
    const got = await sectionFindings(text);
    expect(got.rules).not.toContain('section-missing');
    expect(got.sections).toContain('proactive');
  });

  it('cut where it wrapped, its rest elsewhere (pdfminer: 四、政府信息公开行 … 政复议、行政诉讼情况 after the table)', async () => {
    const text = seed.replace('四、政府信息公开行政复议、行政诉讼情况\n', '四、政府信息公开行\n');
    const got = await sectionFindings(text);
    expect(got.rules).not.toContain('section-missing');
    expect(got.sections).toContain('appeals');
    // Too short a beginning, or words that are no beginning of the title, are no heading.
    for (const cut of ['四、政府信息\n', '四、政府信息公开工作\n']) expect((await sectionFindings(seed.replace('四、政府信息公开行政复议、行政诉讼情况\n', cut))).rules).toContain('section-missing');
  });
});

describe('a scanned heading whose numeral OCR lost under a seal, a character garbled besides', () => {
  // The fields of a scan's page carry their pixel box and dpi.
  const scanned = (line: string) => {
    const fields = seed.replace('五、存在的主要问题及改进情况\n', line).split('\n').filter((t) => t.trim()).map((text, i) => ({ text, norm: normalizeText(text), trad: false, pos: { page: 1 + Math.floor(i / 40), box: [100, 50 * (i % 40), 900, 50 * (i % 40) + 40] as [number, number, number, number], dpi: 200 }, row: i, cellLike: false }));
    return findHeadings(fields as Field[]).map((h) => h.key);
  };
  it('、人存在的主要问题久改进情况 is section 五 between its neighbours on a scan; two garbles in the title are not, nor one in a text', async () => {
    expect(scanned('、人存在的主要问题久改进情况\n')).toContain('problems');
    expect(scanned('、人存在的王要问题久改进情况\n')).not.toContain('problems');
    expect((await sectionFindings(seed.replace('五、存在的主要问题及改进情况\n', '、人存在的主要问题久改进情况\n'))).rules).toContain('section-missing');
  });

  it('5$、人存在的主要问题及改进情况 (misnumbered 5, specks read as $ and 人) is section 五 on a scan, not in a text', async () => {
    expect(scanned('5$、人存在的主要问题及改进情况\n')).toContain('problems');
    // Chinese among the numbering's characters, or two garbles in the title: no heading.
    expect(scanned('5年、人存在的主要问题及改进情况\n')).not.toContain('problems');
    expect(scanned('5$、人存在的王要问题久改进情况\n')).not.toContain('problems');
    expect((await sectionFindings(seed.replace('五、存在的主要问题及改进情况\n', '5$、人存在的主要问题及改进情况\n'))).rules).toContain('section-missing');
  });
});
