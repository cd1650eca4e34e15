/** Synthetic corpora for benchmarks: the shared seeds and real text reports, varied so that no two are identical. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures');

export function baseTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const dir of ['seeds', 'real']) {
    const d = path.join(SHARED, dir);
    let names: string[] = [];
    try {
      names = readdirSync(d).filter((f) => f.endsWith('.txt'));
    } catch {
      continue;
    }
    for (const f of names) out.push({ name: f, text: readFileSync(path.join(d, f), 'utf8') });
  }
  if (out.length === 0) throw new Error(`没有找到样本报告：${SHARED}`);
  return out;
}

/** The i-th synthetic report: a base text with a distinct agency suffix and a changed prose figure. */
export function variant(bases: { name: string; text: string }[], i: number): { name: string; text: string } {
  const b = bases[i % bases.length];
  const text = b.text.replace(/(镇|综合实验区)/, `$1${i}号`).replace(/(\d+)(条|余条)/, (_m, n: string, u: string) => `${Number(n) + i}${u}`);
  return { name: `${i}-${b.name}`, text };
}
