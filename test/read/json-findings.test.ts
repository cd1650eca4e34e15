/** A report's canonical JSON keeps the findings of its source: section numbering, order and omissions, and the figures' rules. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/json.js';
import { parseBytes } from '../../src/pipeline.js';
import { SEEDS } from '../helpers/paths.js';

async function rulesOf(bytes: Uint8Array, name: string): Promise<string[]> {
  const o = await parseBytes(bytes, name);
  if (!o.ok) throw new Error(o.failure.message);
  return o.findings.filter((f) => !f.unreadable && !['label-variant', 'zero-notation', 'text-table-mismatch', 'template-residue'].includes(f.rule)).map((f) => `${f.rule}|${[...f.cells].sort().join(',')}`).sort();
}

async function viaJson(bytes: Uint8Array, name: string): Promise<string[]> {
  const o = await parseBytes(bytes, name);
  return rulesOf(Buffer.from(JSON.stringify(toJson(o))), name + '.json');
}

describe('check of canonical JSON', () => {
  const seed = fs.readFileSync(path.join(SEEDS, '000_2790cd25742a97b3.txt'), 'utf8');

  it('keeps section-numbering warnings (a heading numbered 2、 instead of 二、)', async () => {
    const text = seed;
    expect(text).toMatch(/^2、 主动公开政府信息情况/m);
    const src = await rulesOf(Buffer.from(text), 'r.txt');
    expect(src.some((r) => r.startsWith('section-numbering'))).toBe(true);
    expect(await viaJson(Buffer.from(text), 'r.txt')).toEqual(src);
  });

  it('keeps a missing section and the figures’ findings', async () => {
    const text = seed.replace(/六、其他需要报告的事项[\s\S]*$/, '');
    const src = await rulesOf(Buffer.from(text), 'r.txt');
    expect(src.some((r) => r.startsWith('section-missing'))).toBe(true);
    expect(await viaJson(Buffer.from(text), 'r.txt')).toEqual(src);
  });

  it('every seed: the same findings from the JSON as from the text', async () => {
    for (const f of fs.readdirSync(SEEDS).filter((n) => n.endsWith('.txt'))) {
      const bytes = fs.readFileSync(path.join(SEEDS, f));
      expect(await viaJson(bytes, f), f).toEqual(await rulesOf(bytes, f));
    }
  });
});
