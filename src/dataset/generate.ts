/**
 * Test and benchmark data: N text reports made from the seed fixtures, each with one line
 * varied (so every file has its own content hash) and otherwise the seed's content.
 *
 * `distinct: true` makes a dataset shaped like a real crawl instead: every four copies are
 * one agency (its own township name) over four consecutive years, so the history checks
 * meet real neighbours (the year before, the same region) rather than hundreds of files of
 * one agency-year.
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

export interface GenerateOptions {
  /** One agency per four copies, four report years each (see above). */
  distinct?: boolean;
}

/** Characters for made-up township names (none is a numeral or a word of the report's own). */
const NAME_CHARS = [...'青山河东西南安平和兴隆泰丰华阳明清源林松柏桥湖溪石岭峰凤龙云霞春秋梅竹杨柳桃李金银玉宝福寿康乐顺德仁义礼信'];
const YEARS_PER_AGENCY = 4;
const FIRST_YEAR = 2021;

/** A township name stem of two (or, past the pairs, three) characters, distinct for each n. */
export function townStem(n: number): string {
  const k = NAME_CHARS.length;
  const pair = NAME_CHARS[n % k] + NAME_CHARS[Math.floor(n / k) % k];
  return n < k * k ? pair : pair + NAME_CHARS[Math.floor(n / (k * k)) % k];
}

/** The stem of a seed's township (北宫 of 北宫镇人民政府, 白鹤 of 房县白鹤镇人民政府), from its first lines. */
function seedStem(lines: string[]): string | null {
  for (const line of lines.slice(0, 12)) {
    const m = /([\u4e00-\u9fff]{2})镇/.exec(line);
    if (m) return m[1];
  }
  return null;
}

/** The seed's report year: the first 20xx年 of its title lines. */
function seedYear(lines: string[]): number {
  for (const line of lines.slice(0, 12)) {
    const m = /(20[12]\d)年/.exec(line);
    if (m) return Number(m[1]);
  }
  return FIRST_YEAR;
}

/** Writes n reports into `out` (created); returns their paths. Copy i is seed (i mod seeds) with a line naming i. */
export function generateReports(out: string, n: number, seedsDir = SEEDS_DIR, opts: GenerateOptions = {}): string[] {
  fs.mkdirSync(out, { recursive: true });
  const seeds = seedFiles(seedsDir).map((f) => {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    return { name: path.basename(f, '.txt'), lines, stem: seedStem(lines), year: seedYear(lines) };
  });
  const files: string[] = [];
  for (let i = 0; i < n; i++) {
    const agency = opts.distinct ? Math.floor(i / YEARS_PER_AGENCY) : i;
    const s = seeds[agency % seeds.length];
    let lines = [...s.lines];
    if (opts.distinct) {
      // Report years 2021–2024 (the 2021 template's years), the seed's dates moved with them.
      const shift = FIRST_YEAR + (i % YEARS_PER_AGENCY) - s.year;
      const stem = townStem(agency);
      lines = lines.map((line) => {
        let l = s.stem ? line.replaceAll(`${s.stem}镇`, `${stem}镇`) : line;
        // The report year and the dates around it move together (2023年 → 2021年, 2024-01-23 → 2022-01-23).
        if (shift) l = l.replace(/20[12]\d(?=年|[-./])/g, (y) => String(Number(y) + shift));
        return l;
      });
    }
    // The varied line sits right after the title, before section 一 (a distinct copy is its own already).
    if (!opts.distinct) lines.splice(1, 0, `（本文件为第 ${i + 1} 份测试副本）`);
    const f = path.join(out, `${String(i).padStart(6, '0')}_${s.name}.txt`);
    fs.writeFileSync(f, lines.join('\n'));
    files.push(f);
  }
  return files;
}
