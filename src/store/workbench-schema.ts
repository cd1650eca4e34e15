/**
 * Tables of the web workbench (users, sessions, regions, corrections, finding reviews, drafts,
 * uploaded sources, audit log) and their migrations, kept apart from the dataset schema so both
 * evolve independently. Same conventions: integers for booleans, ISO text for timestamps.
 */
import { sql, type Generated, type Kysely, type Migration } from 'kysely';
import type { Backend, DB } from './schema.js';

export interface UserTable {
  id: Generated<number>;
  username: string;
  /** scrypt$N$r$p$salt$hash (base64). */
  password_hash: string;
  role: string;
  region_id: number | null;
  agency_id: number | null;
  disabled: number;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a leaked table does not give working cookies. */
  token_hash: string;
  user_id: number;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface RegionTable {
  id: Generated<number>;
  name: string;
  parent_id: number | null;
  level: string | null;
  /** /1/5/9/ — ancestors and self, for subtree queries by prefix. */
  path: string;
}

export interface CorrectionTable {
  id: Generated<number>;
  report_id: number;
  key: string;
  original_value: number | null;
  original_raw: string | null;
  value: number | null;
  comment: string;
  user_id: number;
  created_at: string;
}

export interface FindingReviewTable {
  id: Generated<number>;
  report_id: number;
  /** rule|sorted cells: stable across re-runs of the checks (finding ids are not). */
  finding_key: string;
  status: string;
  comment: string;
  user_id: number;
  created_at: string;
}

export interface DraftTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  /** Canonical report JSON. */
  body: string;
  status: string;
  report_id: number | null;
  updated_by: number;
  updated_at: string;
}

export interface ReportFileTable {
  report_id: number;
  name: string;
  format: string;
  bytes: Uint8Array;
  /** JSON array of the display lines the positions refer to. */
  lines: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  target: string | null;
  detail: string | null;
  ip: string | null;
}

export interface AgencyPlacementColumns {
  region_id: number | null;
  /** 1 when the agency is expected to publish a report every year. */
  expected: number;
}

export interface WorkbenchDB extends Omit<DB, 'agencies'> {
  agencies: DB['agencies'] & AgencyPlacementColumns;
  users: UserTable;
  sessions: SessionTable;
  regions: RegionTable;
  corrections: CorrectionTable;
  finding_reviews: FindingReviewTable;
  drafts: DraftTable;
  report_files: ReportFileTable;
  audit_log: AuditTable;
}

/** The cells 总览 sums over the years (request volumes): a small partial index holds just these. */
export const TREND_CELLS = ['t3.newReceived.total', 't3.carriedOver.total', 't4.review.total', 't4.suitDirect.total'] as const;

export function workbenchMigrations(backend: Backend): Record<string, Migration> {
  const pk = (backend === 'postgres' ? 'serial' : 'integer') as 'integer';
  const idCol = (c: any) => (backend === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
  const blob = backend === 'postgres' ? 'bytea' : 'blob';
  return {
    '0100_workbench': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('users')
          .addColumn('id', pk, idCol)
          .addColumn('username', 'text', (c) => c.notNull().unique())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('region_id', 'integer')
          .addColumn('agency_id', 'integer')
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull())
          .addColumn('csrf', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('regions')
          .addColumn('id', pk, idCol)
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('parent_id', 'integer')
          .addColumn('level', 'text')
          .addColumn('path', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('regions_path').on('regions').column('path').execute();
        await db.schema.createIndex('regions_name').on('regions').column('name').execute();
        await db.schema.alterTable('agencies').addColumn('region_id', 'integer').execute();
        await db.schema.alterTable('agencies').addColumn('expected', 'integer', (c) => c.notNull().defaultTo(1)).execute();
        await db.schema.createIndex('agencies_region_id').on('agencies').column('region_id').execute();
        await db.schema
          .createTable('corrections')
          .addColumn('id', pk, idCol)
          .addColumn('report_id', 'integer', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('original_value', 'double precision')
          .addColumn('original_raw', 'text')
          .addColumn('value', 'double precision')
          .addColumn('comment', 'text', (c) => c.notNull())
          .addColumn('user_id', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('corrections_report').on('corrections').column('report_id').execute();
        await db.schema
          .createTable('finding_reviews')
          .addColumn('id', pk, idCol)
          .addColumn('report_id', 'integer', (c) => c.notNull())
          .addColumn('finding_key', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('comment', 'text', (c) => c.notNull())
          .addColumn('user_id', 'integer', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('finding_reviews_report').on('finding_reviews').column('report_id').execute();
        await db.schema
          .createTable('drafts')
          .addColumn('id', pk, idCol)
          .addColumn('agency_id', 'integer', (c) => c.notNull())
          .addColumn('year', 'integer', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('report_id', 'integer')
          .addColumn('updated_by', 'integer', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('drafts_agency_year', ['agency_id', 'year'])
          .execute();
        await db.schema
          .createTable('report_files')
          .addColumn('report_id', 'integer', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('format', 'text', (c) => c.notNull())
          .addColumn('bytes', blob, (c) => c.notNull())
          .addColumn('lines', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('audit_log')
          .addColumn('id', pk, idCol)
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('user_id', 'integer')
          .addColumn('username', 'text')
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('target', 'text')
          .addColumn('detail', 'text')
          .addColumn('ip', 'text')
          .execute();
        // Sorting and searching the report list on 10,000+ reports.
        await db.schema.createIndex('reports_status_year_id').on('reports').columns(['status', 'year', 'id']).execute();
        await db.schema.createIndex('agencies_name').on('agencies').column('name').execute();
        await db.schema.createIndex('reports_errors_id').on('reports').columns(['errors', 'id']).execute();
        await db.schema.createIndex('reports_warnings_id').on('reports').columns(['warnings', 'id']).execute();
        // The list's rule filter reads only this index.
        await db.schema.createIndex('findings_rule_report').on('findings').columns(['rule', 'report_id']).execute();
      },
      async down(db: Kysely<any>) {
        for (const i of ['reports_status_year_id', 'agencies_name', 'reports_errors_id', 'reports_warnings_id', 'findings_rule_report']) await db.schema.dropIndex(i).ifExists().execute();
        for (const t of ['audit_log', 'report_files', 'drafts', 'finding_reviews', 'corrections', 'regions', 'sessions', 'users']) await db.schema.dropTable(t).ifExists().execute();
        await db.schema.dropIndex('agencies_region_id').ifExists().execute();
        await db.schema.alterTable('agencies').dropColumn('expected').execute();
        await db.schema.alterTable('agencies').dropColumn('region_id').execute();
      },
    },
    '0101_workbench_trends': {
      // 总览's request volumes over the years read four cells of every report: with the cells' primary
      // key that was 40,000 lookups into the biggest table (2 s warm, 16 s cold at 10,000 reports); this
      // covering index holds only those four cells (2 % of the table) and answers in ~70 ms.
      async up(db: Kysely<any>) {
        const keys = sql.join(TREND_CELLS.map((k) => sql.lit(k)));
        await sql`create index cells_trend on cells (key, report_id, value) where key in (${keys})`.execute(db);
      },
      async down(db: Kysely<any>) {
        await db.schema.dropIndex('cells_trend').ifExists().execute();
      },
    },
  };
}
