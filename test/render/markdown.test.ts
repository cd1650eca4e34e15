/** --format md writes real Markdown tables (pipe tables), which the text reader reads back. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/json.js';
import { parseBytes } from '../../src/pipeline.js';
import { toCanonical } from '../../src/render/canonical.js';
import { renderReport } from '../../src/render/index.js';
import { SEEDS } from '../helpers/paths.js';

describe('Markdown output', () => {
  it('has pipe tables with an alignment row, no fenced blocks, and reads back to the same cells', async () => {
    const o = await parseBytes(fs.readFileSync(path.join(SEEDS, '004_e9b0b4183da4b0c6.txt')), 'r.txt');
    if (!o.ok) throw new Error(o.failure.message);
    const md = Buffer.from(await renderReport(toCanonical(JSON.parse(JSON.stringify(toJson(o)))), 'md')).toString('utf8');
    expect(md).not.toContain('```');
    expect(md).toMatch(/^\| 信息内容 \| 本年制发件数 \| 本年废止件数 \| 现行有效件数 \|$/m);
    expect(md).toMatch(/^\| :--- (\| :--- )*\| ---: /m);
    expect(md).toMatch(/^\| 规章 \| \d+ \| \d+ \| \d+ \|$/m);
    const back = await parseBytes(Buffer.from(md), 'r.md');
    if (!back.ok) throw new Error(back.failure.message);
    expect(back.cells).toEqual(o.cells);
  });
});
