/** Section headings where a layout left them: alone on a line, wrapped, or run into a table row's words. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBytes } from '../../src/pipeline.js';
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
