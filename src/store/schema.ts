/**
 * The one schema of the dataset store, for SQLite and PostgreSQL alike, and its versioned
 * migrations. Booleans are integers (0/1), JSON is text, timestamps are ISO text: the
 * same rows read the same on both backends.
 */
import { sql, type Generated, type Kysely, type Migration } from 'kysely';
import { workbenchMigrations } from './workbench-schema.js';

export type Backend = 'sqlite' | 'postgres';

export interface AgencyTable {
  id: Generated<number>;
  /** Name as first seen (printed form). */
  name: string;
  /** Normalised key (人民政府/办公室 stripped, region chain + unit). Unique. */
  norm_name: string;
  /** Last region + unit (洪泽区, 洪泽区财政局): where names written differently meet. */
  leaf: string;
  /** Region chain, longest known (淮安市洪泽区). */
  region: string;
  level: string | null;
  /** Normalised key of the parent (the government of the enclosing region), when known. */
  parent_norm: string | null;
  parent_id: number | null;
  created_at: string;
}

export interface AgencyAliasTable {
  alias: string;
  agency_id: number;
}

export interface ReportTable {
  id: Generated<number>;
  agency_id: number | null;
  year: number | null;
  template: string | null;
  /** ok: extracted; failed: could not be read (failure_* say why). */
  status: string;
  failure_code: string | null;
  failure_message: string | null;
  source_name: string;
  content_hash: string;
  format: string | null;
  title: string | null;
  agency_printed: string | null;
  level: string | null;
  published_at: string | null;
  parser_version: number;
  /** 1 when the report consolidates a whole region (全区/汇总). */
  consolidated: number;
  errors: number;
  warnings: number;
  /** 1 while the history-aware checks still have to run for this report. */
  history_dirty: number;
  history_checked_at: string | null;
  ingested_at: string;
}

export interface ReportSourceTable {
  report_id: number;
  source_name: string;
}

export interface CellTable {
  report_id: number;
  key: string;
  value: number | null;
  raw: string | null;
  /** JSON of CellSource minus raw (pos, label, zeroNotation, via, invalid). */
  provenance: string | null;
}

export interface FindingTable {
  id: Generated<number>;
  report_id: number;
  rule: string;
  severity: string;
  message: string;
  /** JSON array of cell keys. */
  cells: string;
  pos: string | null;
  expected: string | null;
  found: string | null;
  /** report: single-report rules (at parse); history: rules that need other reports. */
  origin: string;
}

export interface SectionTable {
  report_id: number;
  key: string;
  title: string;
  numbering: string;
  ord: number;
  text: string;
}

export interface ProseBandTable {
  report_id: number;
  band: number;
  hash: string;
  /** The report's agency (0 when unknown), copied here so candidate lookup never joins reports. */
  agency_id: number;
}

export interface DB {
  agencies: AgencyTable;
  agency_aliases: AgencyAliasTable;
  reports: ReportTable;
  report_sources: ReportSourceTable;
  cells: CellTable;
  findings: FindingTable;
  sections: SectionTable;
  prose_bands: ProseBandTable;
}

function idColumn(backend: Backend) {
  return backend === 'postgres' ? ('serial' as const) : ('integer' as const);
}

/** Migrations in order; names sort lexically. Never edit a released one: add the next. */
export function migrations(backend: Backend): Record<string, Migration> {
  const id = idColumn(backend);
  return {
    '0001_initial': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('agencies')
          .addColumn('id', id, (c) => (backend === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('norm_name', 'text', (c) => c.notNull().unique())
          .addColumn('leaf', 'text', (c) => c.notNull())
          .addColumn('region', 'text', (c) => c.notNull())
          .addColumn('level', 'text')
          .addColumn('parent_norm', 'text')
          .addColumn('parent_id', 'integer')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('agencies_leaf').on('agencies').column('leaf').execute();
        await db.schema.createIndex('agencies_parent_norm').on('agencies').column('parent_norm').execute();
        await db.schema
          .createTable('agency_aliases')
          .addColumn('alias', 'text', (c) => c.primaryKey())
          .addColumn('agency_id', 'integer', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('reports')
          .addColumn('id', id, (c) => (backend === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('agency_id', 'integer')
          .addColumn('year', 'integer')
          .addColumn('template', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('failure_code', 'text')
          .addColumn('failure_message', 'text')
          .addColumn('source_name', 'text', (c) => c.notNull())
          .addColumn('content_hash', 'text', (c) => c.notNull().unique())
          .addColumn('format', 'text')
          .addColumn('title', 'text')
          .addColumn('agency_printed', 'text')
          .addColumn('level', 'text')
          .addColumn('published_at', 'text')
          .addColumn('parser_version', 'integer', (c) => c.notNull())
          .addColumn('consolidated', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('errors', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('history_dirty', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('history_checked_at', 'text')
          .addColumn('ingested_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('reports_agency_year').on('reports').columns(['agency_id', 'year']).execute();
        await db.schema.createIndex('reports_dirty').on('reports').column('history_dirty').execute();
        await db.schema.createIndex('reports_year').on('reports').column('year').execute();
        await db.schema
          .createTable('report_sources')
          .addColumn('report_id', 'integer', (c) => c.notNull())
          .addColumn('source_name', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('report_sources_pk', ['report_id', 'source_name'])
          .execute();
        await db.schema
          .createTable('cells')
          .addColumn('report_id', 'integer', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('value', 'double precision')
          .addColumn('raw', 'text')
          .addColumn('provenance', 'text')
          .addPrimaryKeyConstraint('cells_pk', ['report_id', 'key'])
          .execute();
        await db.schema
          .createTable('findings')
          .addColumn('id', id, (c) => (backend === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
          .addColumn('report_id', 'integer', (c) => c.notNull())
          .addColumn('rule', 'text', (c) => c.notNull())
          .addColumn('severity', 'text', (c) => c.notNull())
          .addColumn('message', 'text', (c) => c.notNull())
          .addColumn('cells', 'text', (c) => c.notNull())
          .addColumn('pos', 'text')
          .addColumn('expected', 'text')
          .addColumn('found', 'text')
          .addColumn('origin', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('findings_report').on('findings').column('report_id').execute();
        await db.schema.createIndex('findings_rule').on('findings').column('rule').execute();
        await db.schema
          .createTable('sections')
          .addColumn('report_id', 'integer', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('title', 'text', (c) => c.notNull())
          .addColumn('numbering', 'text', (c) => c.notNull())
          .addColumn('ord', 'integer', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('sections_pk', ['report_id', 'key'])
          .execute();
        await db.schema
          .createTable('prose_bands')
          .addColumn('report_id', 'integer', (c) => c.notNull())
          .addColumn('band', 'integer', (c) => c.notNull())
          .addColumn('hash', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('prose_bands_hash').on('prose_bands').columns(['band', 'hash']).execute();
        await db.schema.createIndex('prose_bands_report').on('prose_bands').column('report_id').execute();
      },
      async down(db: Kysely<any>) {
        for (const t of ['prose_bands', 'sections', 'findings', 'cells', 'report_sources', 'reports', 'agency_aliases', 'agencies']) await db.schema.dropTable(t).ifExists().execute();
      },
    },
    // Candidate lookup for copied-report in bounded time: per (band, hash) bucket, read at most a
    // few rows of other agencies by index range (agency_id below / above the report's own),
    // instead of counting every report in the bucket (quadratic when thousands share a bucket).
    '0002_prose_band_agency': {
      async up(db: Kysely<any>) {
        await db.schema.alterTable('prose_bands').addColumn('agency_id', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await sql`update prose_bands set agency_id = coalesce((select r.agency_id from reports r where r.id = prose_bands.report_id), 0)`.execute(db);
        await db.schema.dropIndex('prose_bands_hash').ifExists().execute();
        await db.schema.createIndex('prose_bands_bucket').on('prose_bands').columns(['band', 'hash', 'agency_id', 'report_id']).execute();
      },
      async down(db: Kysely<any>) {
        await db.schema.dropIndex('prose_bands_bucket').ifExists().execute();
        await db.schema.createIndex('prose_bands_hash').on('prose_bands').columns(['band', 'hash']).execute();
        await db.schema.alterTable('prose_bands').dropColumn('agency_id').execute();
      },
    },
    // The web workbench's tables (src/store/workbench-schema.ts).
    ...workbenchMigrations(backend),
  };
}

/** Current time as stored. */
export function nowIso(): string {
  return new Date().toISOString();
}

export { sql };
