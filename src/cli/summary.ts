/** `nianbao summary [--region R] [--year Y]`: what the store holds, what is wrong, who is worst. */
import { summarise } from '../dataset/summary.js';
import { parseYears, withStore } from './store-cli.js';
import { padEnd } from './style.js';

const BAR_WIDTH = 24;

/** A bar of block characters proportional to n / max: a chart that reads in any terminal. */
export function bar(n: number, max: number): string {
  if (max <= 0 || n <= 0) return '';
  const eighths = Math.max(1, Math.round((n / max) * BAR_WIDTH * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 ? '▏▎▍▌▋▊▉'[(eighths % 8) - 1] : '');
}

/** One agency-year held by several files: which file counts and why. */
export function sameYearLine(d: { agency: string; year: number; used: string; others: string[] }): string {
  return `${d.agency} ${d.year} 年有 ${d.others.length + 1} 个文件；统计采用“${d.used}”（读出的单元格最多，相同时取较新的），未计入：${d.others.map((o) => `“${o}”`).join('、')}。`;
}

interface Opts {
  db?: string;
  region?: string;
  year?: string;
  top?: string;
  json?: boolean;
}

export async function runSummary(o: Opts): Promise<void> {
  await withStore(o.db, async (store) => {
    const years = parseYears(o.year);
    const s = await summarise(store, { year: years?.[0], region: o.region }, Math.max(1, Number(o.top) || 10));
    if (o.json) {
      process.stdout.write(JSON.stringify(s) + '\n');
      return 0;
    }
    const scope = [o.region ? `地区：${o.region}` : '', years ? `年度：${years[0]}` : ''].filter(Boolean).join('，') || '全部';
    const out = [`数据库：${store.location}（${scope}）`, `报告 ${s.reports} 份，涉及机关 ${s.agencies} 个；无法读取的文件 ${s.failed} 个。`];
    if (s.sameYear.length) {
      out.push(`注意：${s.sameYear.length} 个机关年度有不止一个文件，每个只计一次：`);
      for (const d of s.sameYear) out.push(`  ${sameYearLine(d)}`);
    }
    if (s.years.length) {
      const maxYear = Math.max(...s.years.map((y) => y.reports));
      out.push('', '按年度：');
      for (const y of s.years) out.push(`  ${padEnd(`${y.year ?? '年度不明'} 年`, 9)} ${padEnd(bar(y.reports, maxYear), BAR_WIDTH + 1)} ${y.reports} 份`);
    }
    out.push('', '按规则（条数 / 涉及报告数）：');
    if (!s.rules.length) out.push('  无错误、无警告');
    const maxReports = Math.max(0, ...s.rules.map((r) => r.reports));
    const width = Math.max(0, ...s.rules.map((r) => r.rule.length));
    for (const r of s.rules)
      out.push(`  ${r.severity === 'error' ? '错误' : '警告'} ${padEnd(r.rule, width)}  ${padEnd(bar(r.reports, maxReports), BAR_WIDTH + 1)} ${r.findings} 条 / ${r.reports} 份`);
    out.push('', '关键单元格合计：');
    for (const t of s.totals) out.push(`  ${t.label}：${t.sum}（${t.reports} 份报告有数）`);
    out.push('', `问题最多的报告（前 ${s.worst.length} 名）：`);
    for (const w of s.worst) out.push(`  ${w.agency ?? '机关不明'} ${w.year ?? ''} 年：错误 ${w.errors}，警告 ${w.warnings}（${w.source}）`);
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  });
}
