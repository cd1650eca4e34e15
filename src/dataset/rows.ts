/** Flat rows for export and summary: one per report (meta, every cell key, counts) and one per finding. */
import type { Kysely } from 'kysely';
import { allCellKeys, describeCell } from '../core/template.js';
import type { DB } from '../store/schema.js';

export interface ReportFilter {
  year?: number;
  /** Agency id (resolved from a name by the caller). */
  agencyId?: number;
  /** Region text the agency's region or name contains. */
  region?: string;
}

export const META_COLUMNS = [
  ['report_id', '报告编号'],
  ['agency', '机关（规范名称）'],
  ['agency_printed', '机关（报告所写）'],
  ['region', '地区'],
  ['level', '层级'],
  ['year', '年度'],
  ['template', '模板版本'],
  ['status', '状态'],
  ['failure', '失败原因'],
  ['source', '来源文件'],
  ['content_hash', '内容校验值'],
  ['published_at', '发布日期'],
  ['consolidated', '是否汇总报告'],
  ['parser_version', '抽取版本'],
  ['errors', '错误数'],
  ['warnings', '警告数'],
] as const;

export const FINDING_COLUMNS = [
  ['report_id', '报告编号'],
  ['agency', '机关'],
  ['year', '年度'],
  ['source', '来源文件'],
  ['rule', '规则'],
  ['severity', '级别'],
  ['message', '说明'],
  ['cells', '涉及单元格'],
  ['expected', '应为'],
  ['found', '实为'],
  ['origin', '来源'],
] as const;

export type Row = Record<string, string | number | null>;

export function reportColumns(): { key: string; title: string }[] {
  return [...META_COLUMNS.map(([key, title]) => ({ key, title })), ...allCellKeys().map((k) => ({ key: k, title: describeCell(k) }))];
}

function baseQuery(db: Kysely<DB>, f: ReportFilter) {
  let q = db.selectFrom('reports').leftJoin('agencies', 'agencies.id', 'reports.agency_id');
  if (f.year !== undefined) q = q.where('reports.year', '=', f.year);
  if (f.agencyId !== undefined) q = q.where('reports.agency_id', '=', f.agencyId);
  if (f.region) {
    const r = `%${f.region.replace(/[%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('agencies.region', 'like', r), eb('agencies.name', 'like', r)]));
  }
  return q;
}

/** Report rows in batches (bounded memory on large stores). */
export async function* reportRows(db: Kysely<DB>, f: ReportFilter, batch = 500): AsyncGenerator<Row[]> {
  const ids = (await baseQuery(db, f).select('reports.id').orderBy('reports.year').orderBy('agencies.name').orderBy('reports.id').execute()).map((r) => r.id);
  for (let i = 0; i < ids.length; i += batch) {
    const part = ids.slice(i, i + batch);
    const metas = await db
      .selectFrom('reports')
      .leftJoin('agencies', 'agencies.id', 'reports.agency_id')
      .select([
        'reports.id',
        'agencies.name as agency',
        'reports.agency_printed',
        'agencies.region',
        'reports.level',
        'reports.year',
        'reports.template',
        'reports.status',
        'reports.failure_message',
        'reports.source_name',
        'reports.content_hash',
        'reports.published_at',
        'reports.consolidated',
        'reports.parser_version',
        'reports.errors',
        'reports.warnings',
      ])
      .where('reports.id', 'in', part)
      .execute();
    const byId = new Map<number, Row>();
    for (const m of metas)
      byId.set(m.id, {
        report_id: m.id,
        agency: m.agency,
        agency_printed: m.agency_printed,
        region: m.region,
        level: m.level,
        year: m.year,
        template: m.template,
        status: m.status,
        failure: m.failure_message,
        source: m.source_name,
        content_hash: m.content_hash,
        published_at: m.published_at,
        consolidated: m.consolidated,
        parser_version: m.parser_version,
        errors: m.errors,
        warnings: m.warnings,
      });
    const cells = await db.selectFrom('cells').select(['report_id', 'key', 'value']).where('report_id', 'in', part).execute();
    for (const c of cells) {
      const row = byId.get(c.report_id);
      if (row) row[c.key] = c.value === null ? null : Number(c.value);
    }
    yield part.map((id) => byId.get(id)!).filter(Boolean);
  }
}

export async function findingRows(db: Kysely<DB>, f: ReportFilter): Promise<Row[]> {
  const rows = await baseQuery(db, f)
    .innerJoin('findings', 'findings.report_id', 'reports.id')
    .select([
      'reports.id as report_id',
      'agencies.name as agency',
      'reports.year',
      'reports.source_name',
      'findings.rule',
      'findings.severity',
      'findings.message',
      'findings.cells',
      'findings.expected',
      'findings.found',
      'findings.origin',
      'findings.id as fid',
    ])
    .orderBy('reports.id')
    .orderBy('findings.id')
    .execute();
  return rows.map((r) => ({
    report_id: r.report_id,
    agency: r.agency,
    year: r.year,
    source: r.source_name,
    rule: r.rule,
    severity: r.severity,
    message: r.message,
    cells: (JSON.parse(r.cells) as string[]).join(' '),
    expected: r.expected,
    found: r.found,
    origin: r.origin,
  }));
}

export { baseQuery };
