/** parse(render(report)) compared with the report: cells, meta, section prose. */
import { expect } from 'vitest';
import { SECTIONS } from '../../src/core/template.js';
import { parseBytes } from '../../src/pipeline.js';
import type { CanonicalReport } from '../../src/render/canonical.js';
import { proseOf } from '../../src/render/model.js';

export const META_KEYS = ['agency', 'year', 'template', 'level', 'publishedAt', 'title'] as const;

export async function parseBack(bytes: Uint8Array, name: string) {
  const o = await parseBytes(bytes, name);
  if (!o.ok) throw new Error(`${name}: ${o.failure.code} ${o.failure.message}`);
  return o;
}

export async function expectSameReport(r: CanonicalReport, bytes: Uint8Array, name: string, opts: { sections?: boolean } = {}): Promise<void> {
  const o = await parseBack(bytes, name);
  expect(o.cells).toEqual(r.cells);
  const meta = Object.fromEntries(META_KEYS.map((k) => [k, o.meta[k]]));
  expect(meta).toEqual(Object.fromEntries(META_KEYS.map((k) => [k, r.meta[k]])));
  if (opts.sections !== false)
    for (const s of SECTIONS) {
      const got = o.sections.find((x) => x.key === s.key);
      expect(got, s.key).toBeDefined();
      const want = r.sections.find((x) => x.key === s.key)!;
      expect(proseOf(got!.text, !!s.table), s.key).toEqual(proseOf(want.text, !!s.table));
    }
}
