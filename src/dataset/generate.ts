/**
 * Test and benchmark data: N text reports made from the seed fixtures, each with one line
 * varied (so every file has its own content hash) and otherwise the seed's content.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The seed fixtures kept in this repository (copies of ../shared/fixtures/seeds). */
export const SEEDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/seeds');

export function seedFiles(dir = SEEDS_DIR): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Writes n reports into `out` (created); returns their paths. Copy i is seed (i mod seeds) with a line naming i. */
export function generateReports(out: string, n: number, seedsDir = SEEDS_DIR): string[] {
  fs.mkdirSync(out, { recursive: true });
  const seeds = seedFiles(seedsDir).map((f) => ({ name: path.basename(f, '.txt'), lines: fs.readFileSync(f, 'utf8').split('\n') }));
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = seeds[i % seeds.length];
    const lines = [...s.lines];
    // The varied line sits right after the title, before section 一.
    lines.splice(1, 0, `（本文件为第 ${i + 1} 份测试副本）`);
    const f = path.join(out, `${String(i).padStart(6, '0')}_${s.name}.txt`);
    fs.writeFileSync(f, lines.join('\n'));
    files.push(f);
  }
  return files;
}
