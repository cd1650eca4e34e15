/** `nianbao compare AGENCY --years 2023,2024`: what changed between two years of one agency. */
import { describeCell } from '../core/template.js';
import { compareYears, yearsOf } from '../dataset/compare.js';
import { StoreError } from '../store/db.js';
import { findAgency } from '../store/queries.js';
import { parseYears, withStore } from './store-cli.js';

interface Opts {
  db?: string;
  years?: string;
  all?: boolean;
  json?: boolean;
}

const fmt = (v: number | null) => (v === null ? '空' : String(v));

export async function runCompare(name: string, o: Opts): Promise<void> {
  await withStore(o.db, async (store) => {
    const ag = await findAgency(store.db, name);
    if (!ag) throw new StoreError('agency-not-found', `数据库（${store.location}）中没有找到机关“${name}”。请检查名称，或用 nianbao summary 查看已入库的机关。`);
    let years = parseYears(o.years);
    const have = await yearsOf(store, ag.id);
    if (!years) {
      if (have.length < 2) throw new StoreError('too-few-years', `“${ag.name}”在数据库中只有 ${have.length} 个年度的报告（${have.join('、') || '无'}），至少需要两个年度才能比较。`);
      years = have.slice(-2);
    }
    if (years.length !== 2) throw new StoreError('bad-years', `--years 需要正好两个年度，例如 2023,2024；收到“${o.years}”。`);
    const c = await compareYears(store, ag.id, ag.name, years[0], years[1]);
    if ('missing' in c)
      throw new StoreError('year-missing', `“${ag.name}”没有 ${c.missing.join('、')} 年的报告（已有：${have.join('、') || '无'}）。请先用 nianbao ingest 入库该年度报告。`);
    if (o.json) {
      process.stdout.write(JSON.stringify(c) + '\n');
      return 0;
    }
    const [y1, y2] = c.years;
    const out: string[] = [`${c.agency}：${y1} 年 → ${y2} 年`];
    c.years.forEach((y, i) => {
      const alt = c.alternatives[i];
      out.push(`  ${y} 年采用：${c.sources[i]}${alt.length ? `（同一机关年度另有 ${alt.map((x) => `“${x}”`).join('、')}，未采用：采用读出单元格最多的，相同时取较新的）` : ''}`);
    });
    out.push('', '一、单元格变化');
    const changed = c.cells.filter((x) => x.before !== x.after);
    for (const x of o.all ? c.cells : changed) {
      const d = x.delta === null ? '' : x.delta === 0 ? '（不变）' : `（${x.delta > 0 ? '+' : ''}${x.delta}）`;
      const mapped = x.mappedTo ? `〔对应另一格式的 ${x.mappedTo.map(describeCell).join(' + ')}〕` : '';
      out.push(`  ${describeCell(x.key)}${mapped}：${fmt(x.before)} → ${fmt(x.after)}${d}`);
    }
    out.push(`  共 ${c.cells.length} 个单元格，有变化 ${changed.length} 个。`);
    if (c.uncomparable.length) {
      out.push(`  两年采用不同的报告格式（2019 年版与 2021 年版），以下 ${c.uncomparable.length} 个单元格在另一格式中没有对应项，无法比较：`);
      for (const yr of c.years) {
        const keys = c.uncomparable.filter((u) => u.year === yr).map((u) => describeCell(u.key));
        if (keys.length) out.push(`    ${yr} 年：${keys.join('；')}`);
      }
    }
    out.push('', '二、各部分文字差异');
    for (const s of c.sections) {
      const ch = s.diff.filter((l) => l.op !== '=');
      out.push(`  【${s.title}】${ch.length ? '' : '无变化'}`);
      for (const l of ch) out.push(`    ${l.op === '-' ? '－' : '＋'} ${l.text}`);
    }
    out.push('', `三、检查结果：新增 ${c.findingsNew.length} 条，消除 ${c.findingsFixed.length} 条`);
    for (const f of c.findingsNew) out.push(`  新增 [${f.rule}] ${f.message}`);
    for (const f of c.findingsFixed) out.push(`  消除 [${f.rule}] ${f.message}`);
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  });
}
