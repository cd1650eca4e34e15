/**
 * Canonical zoo reports: random valid reports of both templates with realistic agencies,
 * figures and prose, and defective ones with one injected defect of the check catalogue.
 * The expected findings are computed here from the cells with the zoo's own arithmetic,
 * independently of src/check.
 */
import { SECTIONS, T3_APPLICANT_KEYS, T3_COLUMN_KEYS, TEMPLATES, cellDefs, outcomeRowKeys, type SectionKey, type TemplateVersion } from '../../src/core/template.js';
import type { Rng } from './rng.js';

export type Level = 'township' | 'subdistrict' | 'county' | 'city' | 'province' | 'department';
export type Cells = Record<string, number | null>;

export interface ExpectedFinding {
  rule: string;
  cells: string[];
}

export interface ZooSection {
  key: SectionKey;
  numbering: string;
  title: string;
  /** Paragraphs of prose before the table (or the whole section text). */
  paragraphs: string[];
}

/** The report as its author meant it, before any presentation. */
export interface ZooReport {
  agency: string;
  level: Level;
  year: number;
  template: TemplateVersion;
  /** yyyy-mm-dd, printed in the 落款 (or null: no date printed). */
  publishedAt: string | null;
  title: string;
  sections: ZooSection[];
  cells: Cells;
  /** Value tokens printed instead of a number, by cell key (zero notation '-', '/', '—'). */
  tokens: Record<string, string>;
  /** Printed row labels that differ from the template, by table and row key. */
  labels: Record<string, string>;
  /** Lines appended to a section's prose (template residue etc.). */
  defect: string | null;
  expected: ExpectedFinding[];
  /** Row keys (t2/t3 rows) whose printed label should yield label-variant. */
  labelVariants: string[];
  /** Extra text lines after the title (e.g. 编写说明 residue). */
  preface: string[];
  /** Findings that may accompany an injected defect without being required (e.g. cell-missing on the cells of an omitted table). */
  tolerated: ExpectedFinding[];
  /** Tables left out of the document (their cells are null). */
  omitTables: ('t2' | 't3' | 't4')[];
}

const PROVINCES = ['河北', '山西', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '四川', '贵州', '云南', '陕西', '甘肃'];
/** Prefecture-level cities with counties/districts that belong to them (county-level cities left out: their level needs a gazetteer). */
const CITY_COUNTIES: Record<string, string[]> = {
  石家庄: ['正定县', '栾城区', '赞皇县'],
  徐州: ['沛县', '铜山区', '睢宁县'],
  淮安: ['洪泽区', '涟水县', '盱眙县'],
  宁波: ['鄞州区', '象山县', '宁海县'],
  温州: ['苍南县', '永嘉县', '瓯海区'],
  芜湖: ['繁昌区', '南陵县', '湾沚区'],
  泉州: ['安溪县', '永春县', '惠安县'],
  赣州: ['于都县', '兴国县', '南康区'],
  临沂: ['郯城县', '沂水县', '兰山区'],
  洛阳: ['栾川县', '嵩县', '孟津区'],
  宜昌: ['秭归县', '远安县', '夷陵区'],
  佛山: ['南海区', '顺德区', '三水区'],
  绵阳: ['梓潼县', '三台县', '涪城区'],
  遵义: ['湄潭县', '正安县', '播州区'],
  曲靖: ['陆良县', '师宗县', '麒麟区'],
  宝鸡: ['凤翔区', '岐山县', '眉县'],
  天水: ['秦州区', '甘谷县', '清水县'],
  嘉兴: ['海盐县', '嘉善县', '南湖区'],
};
const CITIES = Object.keys(CITY_COUNTIES);
const TOWNS = ['城关', '北宫', '阎村', '白鹤', '青山', '石桥', '龙泉', '河口', '新集', '高庄', '柳林', '东坝', '双河', '三合', '金沙', '黄土岭', '马家'];
const STREETS = ['东城', '西湖', '南门', '新华', '解放路', '人民路', '城北', '滨江', '朝阳'];
const DEPTS_LOCAL = ['医疗保障局', '教育局', '财政局', '生态环境局', '自然资源和规划局', '住房和城乡建设局', '交通运输局', '卫生健康委员会', '市场监督管理局', '人力资源和社会保障局', '农业农村局', '应急管理局', '民政局', '司法局', '统计局', '退役军人事务局'];
const DEPTS_PROV = ['教育厅', '财政厅', '交通运输厅', '生态环境厅', '卫生健康委员会', '市场监督管理局', '医疗保障局', '民政厅'];

/** A realistic agency of a given level. */
export function agencyOf(rng: Rng): { agency: string; level: Level; short: string } {
  const level = rng.pick<Level>(['township', 'township', 'subdistrict', 'county', 'county', 'city', 'province', 'department', 'department', 'department']);
  const prov = rng.pick(PROVINCES);
  const city = rng.pick(CITIES);
  const county = rng.pick(CITY_COUNTIES[city]);
  switch (level) {
    case 'township': {
      const t = rng.pick(TOWNS) + rng.pick(['镇', '镇', '乡']);
      return { agency: rng.chance(0.5) ? `${county}${t}人民政府` : `${t}人民政府`, level, short: `本${t.slice(-1)}` };
    }
    case 'subdistrict': {
      const s = rng.pick(STREETS) + '街道';
      return { agency: rng.chance(0.5) ? `${county}${s}办事处` : `${s}办事处`, level, short: '本街道' };
    }
    case 'county':
      return { agency: rng.chance(0.4) ? `${city}市${county}人民政府` : `${county}人民政府`, level, short: `本${county.slice(-1)}` };
    case 'city':
      return { agency: `${city}市人民政府`, level, short: '本市' };
    case 'province':
      return { agency: `${prov}省人民政府`, level, short: '本省' };
    default: {
      const where = rng.pick(['city', 'county', 'province']);
      if (where === 'province') return { agency: `${prov}省${rng.pick(DEPTS_PROV)}`, level, short: '本机关' };
      if (where === 'county') return { agency: `${county}${rng.pick(DEPTS_LOCAL)}`, level, short: '本机关' };
      return { agency: `${city}市${rng.pick(DEPTS_LOCAL)}`, level, short: '本机关' };
    }
  }
}

const hasRulePower = (level: Level) => level === 'city' || level === 'province';

/** Realistic figures: many zeros, a few large, balanced table 三, consistent table 四. */
export function randomCells(rng: Rng, version: TemplateVersion, level: Level): Cells {
  const cells: Cells = {};
  const big = level === 'city' || level === 'province' || (level === 'department' && rng.chance(0.4));
  for (const d of cellDefs(version).filter((d) => d.table === 't2')) {
    let v: number;
    if (d.rowKey === 'regulations') v = hasRulePower(level) && rng.chance(0.5) ? rng.int(0, d.colKey === 'valid' || d.colKey === 'totalPublished' ? 120 : 8) : 0;
    else if (d.kind === 'decimal') v = rng.chance(0.5) ? 0 : rng.int(1, big ? 9999999 : 99999) / 100;
    else if (d.kind === 'signed') v = rng.chance(0.5) ? 0 : rng.int(-40, 40);
    else v = rng.count(0.45, big ? 400 : 60, big ? 0.15 : 0.03);
    cells[d.key] = v;
  }
  const outcomes = outcomeRowKeys(version);
  const rows: Record<string, number[]> = {};
  T3_APPLICANT_KEYS.forEach((_, ci) => {
    const active = ci === 0 ? !rng.chance(0.15) : rng.chance(big ? 0.5 : 0.2);
    // Large figures (up to 5 digits) mostly from natural persons of big agencies.
    const large = ci === 0 ? (big ? 0.1 : 0.01) : big ? 0.01 : 0;
    const o = outcomes.map((r) => (!active ? 0 : r === 'granted' ? rng.count(0.2, big ? 300 : 20, large) : rng.count(0.75, big ? 40 : 5, large / 5)));
    const total = o.reduce((a, b) => a + b, 0);
    const cf = active && rng.chance(0.3) ? rng.int(0, Math.max(1, Math.floor(total / 4) + 2)) : 0;
    const co = active && rng.chance(0.3) ? rng.int(0, total + cf) : 0;
    outcomes.forEach((r, j) => ((rows[r] ??= [])[ci] = o[j]));
    (rows.total ??= [])[ci] = total;
    (rows.carriedForward ??= [])[ci] = cf;
    (rows.carriedOver ??= [])[ci] = co;
    (rows.newReceived ??= [])[ci] = total + cf - co;
  });
  for (const [row, vals] of Object.entries(rows)) {
    T3_APPLICANT_KEYS.forEach((c, i) => (cells[`t3.${row}.${c}`] = vals[i]));
    cells[`t3.${row}.total`] = vals.reduce((a, b) => a + b, 0);
  }
  const t4 = TEMPLATES[version].t4;
  for (const g of t4.groups) {
    const active = rng.chance(big ? 0.6 : 0.25);
    const v = [0, 0, 0, 0].map(() => (active ? rng.count(0.5, big ? 30 : 3, 0) : 0));
    t4.columns.forEach((c, ci) => (cells[`t4.${g.key}.${c.key}`] = c.key === 'total' ? v.reduce((a, b) => a + b, 0) : v[ci]));
  }
  const ordered: Cells = {};
  for (const d of cellDefs(version)) ordered[d.key] = cells[d.key];
  return ordered;
}

const cn = (n: number) => String(n);

function proseOf(rng: Rng, r: Pick<ZooReport, 'year' | 'template' | 'cells' | 'agency'>, short: string): Record<SectionKey, string[]> {
  const c = r.cells;
  const nr = c['t3.newReceived.total'] ?? 0;
  const review = c['t4.review.total'] ?? 0;
  const overview = [
    `${r.year}年，${short}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作，不断提升政府工作透明度。`,
    rng.pick([
      `（一）主动公开。${short}通过政府门户网站、政务新媒体、公开栏等渠道主动公开各类政府信息，全年发布信息${rng.int(50, 3000)}条。`,
      `（一）主动公开情况。围绕重点领域信息公开，及时发布政策文件、财政预决算、重大项目等信息。`,
    ]),
    nr > 0
      ? `（二）依申请公开。全年共收到政府信息公开申请${cn(nr)}件，均在法定期限内答复。`
      : (c['t3.carriedOver.total'] ?? 0) > 0
        ? `（二）依申请公开。本年度未新收政府信息公开申请，办理上年结转的申请${cn(c['t3.carriedOver.total'] ?? 0)}件。`
        : `（二）依申请公开。本年度未收到政府信息公开申请。`,
    rng.pick([`（三）政府信息管理。严格落实信息发布保密审查制度，规范信息发布流程。`, `（三）平台建设。优化政府网站栏目设置，及时更新公开内容。`]),
    `（四）监督保障。将政务公开工作纳入年度绩效考核，加强业务培训${rng.int(1, 6)}次。`,
  ];
  const proactive = [rng.pick(['本年度主动公开政府信息情况如下：', '主动公开政府信息情况见下表。', ''])].filter(Boolean);
  const requests = [rng.pick(['', '依申请公开政府信息的办理情况如下表：'])].filter(Boolean);
  const appeals = [review > 0 ? `本年度发生政府信息公开行政复议${cn(review)}件。` : rng.pick(['', '本年度未发生政府信息公开行政复议、行政诉讼案件。'])].filter(Boolean);
  if (review === 0 && (c['t4.suitDirect.total'] ?? 0) + (c['t4.suitAfterReview.total'] ?? 0) > 0 && appeals[0]?.includes('未发生')) appeals.length = 0;
  const problems = [
    rng.pick(['存在的主要问题：一是公开内容不够丰富，政策解读形式较为单一；二是工作人员业务能力有待提高。', `${r.year}年，${short}政府信息公开工作取得了一定成效，但也存在一些不足，主要是信息更新不够及时。`]),
    rng.pick(['改进措施：下一步将加强业务培训，丰富解读形式，提高公开质量。', `针对上年度存在的问题，已逐项整改到位。${r.year + 1}年将进一步规范公开流程，提升公开实效。`]),
  ];
  // A request dropped for an unpaid fee means a fee notice was issued: section 六 says so.
  const unpaid = c['t3.other.feeUnpaid.total'] ?? 0;
  const notices = unpaid + (rng.chance(0.3) ? rng.int(0, 3) : 0);
  const other =
    unpaid > 0
      ? [`本年度发出信息处理费收费通知${notices}件，收费通知总金额${notices * rng.int(1, 9) * 100}元，实际收取信息处理费0元。`]
      : r.template === '2021' || r.year >= 2021
        ? [rng.pick(['本年度未收取信息处理费。', '本年度发出收费通知的件数和总金额以及实际收取的总金额均为0。', `${short}本年度未发出信息处理费收费通知，未收取信息处理费。`])]
        : [rng.pick(['无。', '本年度无其他需要报告的事项。'])];
  return { overview, proactive, requests, appeals, problems, other };
}

/** A valid report: every identity holds, sections complete and in order. */
export function validReport(rng: Rng, version?: TemplateVersion): ZooReport {
  const template = version ?? rng.pick<TemplateVersion>(['2019', '2021', '2021']);
  const year = template === '2019' ? rng.int(2019, 2020) : rng.int(2021, 2025);
  const { agency, level, short } = agencyOf(rng);
  const cells = randomCells(rng, template, level);
  // Within the deadline: a government's own report by 31 March, departments, 乡镇 and 街道 by 31 January.
  const government = level === 'county' || level === 'city' || level === 'province';
  const m = government ? rng.int(1, 3) : 1;
  const publishedAt = rng.chance(0.85) ? `${year + 1}-${String(m).padStart(2, '0')}-${String(rng.int(1, m === 1 ? 31 : 28)).padStart(2, '0')}` : null;
  const prose = proseOf(rng, { year, template, cells, agency }, short);
  return {
    agency,
    level,
    year,
    template,
    publishedAt,
    title: `${agency}${year}年政府信息公开工作年度报告`,
    sections: SECTIONS.map((s) => ({ key: s.key, numbering: `${s.numeral}、`, title: s.title, paragraphs: prose[s.key] })),
    cells,
    tokens: {},
    labels: {},
    defect: null,
    expected: [],
    labelVariants: [],
    preface: [],
    tolerated: [],
    omitTables: [],
  };
}

/** The arithmetic identities of the catalogue, evaluated on cells (null: not evaluated). */
export function arithmeticFindings(version: TemplateVersion, cells: Cells): ExpectedFinding[] {
  const out: ExpectedFinding[] = [];
  const v = (k: string) => cells[k];
  const sum = (ks: string[]) => (ks.some((k) => v(k) == null) ? null : ks.reduce((a, k) => a + (v(k) as number), 0));
  const t3rows = TEMPLATES[version].t3.rows.map((r) => r.key);
  for (const row of t3rows) {
    const parts = T3_APPLICANT_KEYS.map((c) => `t3.${row}.${c}`);
    const s = sum(parts);
    const tot = v(`t3.${row}.total`);
    if (s != null && tot != null && s !== tot) out.push({ rule: 'requests-row-total', cells: [...parts, `t3.${row}.total`] });
  }
  for (const c of T3_COLUMN_KEYS) {
    const ks = ['newReceived', 'carriedOver', 'total', 'carriedForward'].map((r) => `t3.${r}.${c}`);
    const a = sum(ks.slice(0, 2));
    const b = sum(ks.slice(2));
    if (a != null && b != null && a !== b) out.push({ rule: 'requests-balance', cells: ks });
    const parts = outcomeRowKeys(version).map((r) => `t3.${r}.${c}`);
    const s = sum(parts);
    const tot = v(`t3.total.${c}`);
    if (s != null && tot != null && s !== tot) out.push({ rule: 'requests-outcome-total', cells: [`t3.total.${c}`, ...parts] });
  }
  const t4 = TEMPLATES[version].t4;
  for (const g of t4.groups) {
    const parts = t4.columns.filter((c) => c.key !== 'total').map((c) => `t4.${g.key}.${c.key}`);
    const s = sum(parts);
    const tot = v(`t4.${g.key}.total`);
    if (s != null && tot != null && s !== tot) out.push({ rule: 'appeals-total', cells: [...parts, `t4.${g.key}.total`] });
  }
  return out;
}

export const DEFECTS = [
  'balance',
  'row-total',
  'outcome-total',
  'appeals-total',
  'blank-cell',
  'rules-authority',
  'section-missing',
  'section-order',
  'section-numbering',
  'title-year',
  'label-variant',
  'zero-notation',
  'text-table-mismatch',
  'template-residue',
  'fee-statement-missing',
  'template-version',
  'published-late',
  'foreign-entity',
  'fee-unpaid-without-notice',
  'cell-invalid',
  'table-missing',
] as const;
export type Defect = (typeof DEFECTS)[number];

function bump(cells: Cells, k: string, d: number) {
  cells[k] = (cells[k] ?? 0) + d;
}

/** Injects one defect; records the findings it must produce. Returns false if not applicable. */
export function injectDefect(rng: Rng, r: ZooReport, defect: Defect): boolean {
  const c = r.cells;
  const col = rng.pick(T3_APPLICANT_KEYS);
  switch (defect) {
    case 'balance': {
      // carriedForward of one column and its total both +d: only the 勾稽关系 breaks (two columns).
      const d = rng.int(1, 9);
      bump(c, `t3.carriedForward.${col}`, d);
      bump(c, 't3.carriedForward.total', d);
      break;
    }
    case 'row-total': {
      // Two outcome cells of one column trade d: column sums hold, two row totals break.
      const outs = outcomeRowKeys(r.template);
      const from = rng.pick(outs.filter((o) => (c[`t3.${o}.${col}`] ?? 0) > 0));
      if (!from) return false;
      const to = rng.pick(outs.filter((o) => o !== from));
      const d = rng.int(1, c[`t3.${from}.${col}`] as number);
      bump(c, `t3.${from}.${col}`, -d);
      bump(c, `t3.${to}.${col}`, d);
      break;
    }
    case 'outcome-total': {
      // One outcome cell and the same row's total +d: row total holds, column totals break.
      const o = rng.pick(outcomeRowKeys(r.template));
      const d = rng.int(1, 9);
      bump(c, `t3.${o}.${col}`, d);
      bump(c, `t3.${o}.total`, d);
      // Requests dropped for an unpaid fee where section 六 (written from the valid report) may say no fee notice was issued.
      if (o === 'other.feeUnpaid') r.tolerated.push({ rule: 'fee-unpaid-without-notice', cells: ['t3.other.feeUnpaid.total'] });
      break;
    }
    case 'appeals-total': {
      const g = rng.pick(TEMPLATES[r.template].t4.groups).key;
      bump(c, `t4.${g}.total`, rng.pick([1, 2, -1].filter((d) => (c[`t4.${g}.total`] ?? 0) + d >= 0)));
      // Prose stating the case count (行政复议N件, 未发生…) now disagrees with the wrong total: a true mismatch.
      r.tolerated.push({ rule: 'text-table-mismatch', cells: [`t4.${g}.total`] });
      break;
    }
    case 'blank-cell': {
      const defs = cellDefs(r.template);
      const key = rng.pick(defs).key;
      c[key] = null;
      r.expected.push({ rule: 'cell-missing', cells: [key] });
      break;
    }
    case 'rules-authority': {
      if (r.level === 'city' || r.level === 'province') return false;
      const k = r.template === '2021' ? rng.pick(['t2.regulations.made', 't2.regulations.valid']) : 't2.regulations.newlyMade';
      c[k] = rng.int(1, 5);
      if (r.template === '2019') c['t2.regulations.newlyPublished'] = c[k];
      r.expected.push({ rule: 'rules-authority', cells: [k] });
      break;
    }
    case 'section-missing': {
      // Only prose sections: removing 二/三/四 would take their tables too. The others keep their numerals.
      const key = rng.pick<SectionKey>(['overview', 'problems', 'other']);
      if (key === 'other' && (r.template === '2021' || r.year >= 2021)) r.expected.push({ rule: 'fee-statement-missing', cells: [] });
      // Without section 六, a request dropped for an unpaid fee has no fee notice reported either.
      if (key === 'other' && (c['t3.other.feeUnpaid.total'] ?? 0) > 0) r.expected.push({ rule: 'fee-unpaid-without-notice', cells: ['t3.other.feeUnpaid.total'] });
      r.sections = r.sections.filter((s) => s.key !== key);
      r.expected.push({ rule: 'section-missing', cells: [] });
      break;
    }
    case 'section-order': {
      // Swap 五 and 六 (keeping their numerals with the titles).
      const a = r.sections.findIndex((s) => s.key === 'problems');
      const b = r.sections.findIndex((s) => s.key === 'other');
      [r.sections[a], r.sections[b]] = [r.sections[b], r.sections[a]];
      r.expected.push({ rule: 'section-order', cells: [] });
      break;
    }
    case 'section-numbering': {
      const s = rng.pick(r.sections.slice(1));
      const i = SECTIONS.findIndex((d) => d.key === s.key);
      // Arabic numerals, or the previous section's numeral repeated.
      s.numbering = rng.pick([`${i + 1}、`, `${SECTIONS[i - 1].numeral}、`]);
      r.expected.push({ rule: 'section-numbering', cells: [] });
      break;
    }
    case 'title-year': {
      r.title = `${r.agency}政府信息公开工作年度报告`;
      r.expected.push({ rule: 'title-year', cells: [] });
      break;
    }
    case 'label-variant': {
      const opts: [string, string][] = [
        ['denied.lawForbidden', '其他法律法规禁止公开'],
        ['notProcessed.confirmOrReissue', '要求行政机关确认或重新出具已获取的信息'],
        ['unable.needsCreation', '没有现成信息需要另外制作'],
        ['notProcessed.petitionComplaint', '信访、举报、投诉类申请'],
        ['denied.lawForbidden', '其他法律行政止公开'],
      ];
      const [row, label] = rng.pick(opts);
      r.labels[`t3.${row}`] = label;
      r.labelVariants.push(`t3.${row}`);
      r.expected.push({ rule: 'label-variant', cells: T3_COLUMN_KEYS.map((k) => `t3.${row}.${k}`) });
      break;
    }
    case 'zero-notation': {
      const zeros = Object.entries(c).filter(([k, v]) => v === 0 && k.startsWith('t3.') && !k.endsWith('.total'));
      if (zeros.length === 0) return false;
      const tok = rng.pick(['-', '/', '—']);
      const n = rng.int(1, Math.min(6, zeros.length));
      const picked = rng.shuffle(zeros.slice()).slice(0, n).map(([k]) => k);
      for (const k of picked) r.tokens[k] = tok;
      r.expected.push({ rule: 'zero-notation', cells: [picked[0]] });
      // The rule may name any of the marked cells first.
      r.tolerated.push({ rule: 'zero-notation', cells: picked });
      break;
    }
    case 'text-table-mismatch': {
      const nr = c['t3.newReceived.total'] ?? 0;
      // 收到 N 件 may also count last year's carried-over requests (the rule accepts 新收 + 结转
      // and 总计): the stated figure must differ from every reading of it.
      const plausible = new Set([nr, c['t3.total.total'] ?? -1, nr + (c['t3.carriedOver.total'] ?? 0)]);
      let stated = nr + rng.int(1, 9);
      while (plausible.has(stated)) stated++;
      const s = r.sections.find((x) => x.key === 'overview')!;
      s.paragraphs = s.paragraphs.map((p) => (p.startsWith('（二）依申请公开') ? `（二）依申请公开。全年共收到政府信息公开申请${stated}件，均在法定期限内答复。` : p));
      r.expected.push({ rule: 'text-table-mismatch', cells: ['t3.newReceived.total'] });
      break;
    }
    case 'template-residue': {
      const key = rng.pick(['overview', 'problems', 'other']);
      const s = r.sections.find((x) => x.key === key)!;
      s.paragraphs.push(rng.pick(['编写说明：本部分应概述本年度政府信息公开工作总体情况。', '填报说明：表中数据应与系统统计一致。']));
      r.expected.push({ rule: 'template-residue', cells: [] });
      break;
    }
    case 'fee-statement-missing': {
      if (r.template !== '2021') return false;
      r.sections.find((x) => x.key === 'other')!.paragraphs = ['无。'];
      r.expected.push({ rule: 'fee-statement-missing', cells: [] });
      if ((c['t3.other.feeUnpaid.total'] ?? 0) > 0) r.expected.push({ rule: 'fee-unpaid-without-notice', cells: ['t3.other.feeUnpaid.total'] });
      break;
    }
    case 'template-version': {
      // A 2021-template report dated 2020 (or the other way round).
      r.year = r.template === '2021' ? 2020 : rng.int(2021, 2023);
      r.title = `${r.agency}${r.year}年政府信息公开工作年度报告`;
      if (r.publishedAt) r.publishedAt = `${r.year + 1}${r.publishedAt.slice(4)}`;
      for (const s of r.sections) s.paragraphs = s.paragraphs.map((p) => p.replace(/20\d\d年/g, (m) => (Number(m.slice(0, 4)) > 2018 ? `${r.year}年` : m)));
      if (r.year >= 2021 && !r.sections.find((x) => x.key === 'other')!.paragraphs.join('').match(/费/)) r.sections.find((x) => x.key === 'other')!.paragraphs = ['本年度未收取信息处理费。'];
      r.expected.push({ rule: 'template-version', cells: [] });
      break;
    }
    case 'published-late': {
      r.publishedAt = `${r.year + 1}-${String(rng.int(4, 6)).padStart(2, '0')}-${String(rng.int(1, 30)).padStart(2, '0')}`;
      r.expected.push({ rule: 'published-late', cells: [] });
      break;
    }
    case 'foreign-entity': {
      // Text copied from a 处/局's report into a 乡镇 or 街道 report.
      if (r.level !== 'township' && r.level !== 'subdistrict') return false;
      const s = r.sections.find((x) => x.key === 'overview')!;
      s.paragraphs.push(rng.pick(['全处上下高度重视政务公开工作，明确专人负责信息发布。', '本局严格落实信息公开保密审查制度，确保发布信息安全。']));
      r.expected.push({ rule: 'foreign-entity', cells: [] });
      break;
    }
    case 'fee-unpaid-without-notice': {
      // A request dropped for an unpaid fee while section 六 says no fee notice was issued.
      if (r.template !== '2021') return false;
      for (const k of [`t3.other.feeUnpaid.${col}`, 't3.other.feeUnpaid.total', `t3.total.${col}`, 't3.total.total', `t3.newReceived.${col}`, 't3.newReceived.total']) bump(c, k, 1);
      r.sections.find((x) => x.key === 'other')!.paragraphs = ['本年度未发出信息处理费收费通知，未收取信息处理费。'];
      // The overview states the number of requests; keep it true.
      const o = r.sections.find((x) => x.key === 'overview')!;
      o.paragraphs = o.paragraphs.map((p) => (p.startsWith('（二）依申请公开') ? `（二）依申请公开。全年共收到政府信息公开申请${c['t3.newReceived.total']}件，均在法定期限内答复。` : p));
      r.expected.push({ rule: 'fee-unpaid-without-notice', cells: ['t3.other.feeUnpaid.total'] });
      break;
    }
    case 'cell-invalid': {
      // A fractional count in table 二 (a typo such as 12.5 件).
      const counts = cellDefs(r.template).filter((d) => d.table === 't2' && d.kind === 'count' && d.rowKey !== 'regulations');
      const k = rng.pick(counts).key;
      c[k] = rng.int(1, 300) + 0.5;
      r.expected.push({ rule: 'cell-invalid', cells: [k] });
      break;
    }
    case 'table-missing': {
      // Table 四 left out (the section keeps its prose).
      r.omitTables.push('t4');
      const keys = cellDefs(r.template).filter((d) => d.table === 't4').map((d) => d.key);
      for (const k of keys) c[k] = null;
      r.expected.push({ rule: 'table-missing', cells: [] });
      r.tolerated.push({ rule: 'cell-missing', cells: keys });
      break;
    }
  }
  r.defect = defect;
  return true;
}

/** Adds the arithmetic findings the cells imply (after defects and perturbations). */
export function finishExpected(r: ZooReport): void {
  for (const f of arithmeticFindings(r.template, r.cells)) r.expected.push(f);
}
