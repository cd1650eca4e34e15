/**
 * The canonical JSON of a report (what `nianbao parse --format json` prints, or one written
 * by hand): the input of render, fix and the JSON reader. Extra fields are ignored.
 */
import { z } from 'zod';
import { SECTIONS, cellKeys, templateForYear, type SectionKey, type TemplateVersion } from '../core/template.js';
import type { CellValue, ReportMeta, Section } from '../core/types.js';

/** The report's meta without where each value was found. */
export type CanonicalMeta = Omit<ReportMeta, 'sources'>;

export type CanonicalSection = Pick<Section, 'key' | 'title' | 'numbering' | 'text'>;

export interface CanonicalReport {
  source?: string;
  meta: CanonicalMeta;
  sections: CanonicalSection[];
  cells: Record<string, CellValue>;
}

const SECTION_KEYS = SECTIONS.map((s) => s.key) as [SectionKey, ...SectionKey[]];
const LEVELS = ['township', 'subdistrict', 'county', 'city', 'province', 'department', 'other'] as const;

const schema = z.object({
  source: z.string().optional(),
  meta: z
    .object({
      agency: z.string().nullable().optional(),
      year: z.number().int().min(1990).max(2100).nullable().optional(),
      template: z.enum(['2019', '2021']).nullable().optional(),
      level: z.enum(LEVELS).nullable().optional(),
      publishedAt: z.string().nullable().optional(),
      title: z.string().nullable().optional(),
    })
    .optional(),
  sections: z
    .array(z.object({ key: z.enum(SECTION_KEYS), title: z.string().optional(), numbering: z.string().optional(), text: z.string().optional() }))
    .optional(),
  cells: z.record(z.string(), z.number().nullable()).optional(),
  failure: z.unknown().optional(),
});

export class CanonicalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalError';
  }
}

/** True when the parsed JSON looks like a canonical report (has cells or sections, not a failure). */
export function looksCanonical(v: unknown): boolean {
  return typeof v === 'object' && v !== null && ('cells' in v || 'sections' in v) && !('failure' in v);
}

/** Validates and completes a canonical report (missing cells become null, missing sections empty). */
export function toCanonical(v: unknown): CanonicalReport {
  const r = schema.safeParse(v);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new CanonicalError(`不是有效的报告 JSON：${first.path.join('.') || '（根）'}：${first.message}`);
  }
  const d = r.data;
  if (d.failure) throw new CanonicalError('该 JSON 是一份读取失败的结果（含 failure），没有可用的报告内容。');
  const m = d.meta ?? {};
  const meta: CanonicalMeta = {
    agency: m.agency ?? null,
    year: m.year ?? null,
    template: m.template ?? null,
    level: m.level ?? null,
    publishedAt: m.publishedAt ?? null,
    title: m.title ?? null,
  };
  const version = versionOf(meta);
  const cells: Record<string, CellValue> = {};
  const given = d.cells ?? {};
  for (const k of cellKeys(version)) cells[k] = given[k] ?? null;
  // Keys of the other template (e.g. t3.other.total on a 2021 report) are kept when filled.
  for (const [k, val] of Object.entries(given)) if (!(k in cells) && val !== null) cells[k] = val;
  const sections: CanonicalSection[] = (d.sections ?? []).map((s) => {
    const def = SECTIONS.find((x) => x.key === s.key)!;
    return { key: s.key, title: s.title ?? def.title, numbering: s.numbering ?? `${def.numeral}、`, text: s.text ?? '' };
  });
  return { ...(d.source ? { source: d.source } : {}), meta, sections, cells };
}

export function versionOf(meta: Pick<CanonicalMeta, 'template' | 'year'>): TemplateVersion {
  return meta.template ?? (meta.year ? templateForYear(meta.year) : '2021');
}

/** A blank report of a template: every cell null, the six sections with empty text. */
export function blankReport(agency: string | null, year: number | null, version?: TemplateVersion): CanonicalReport {
  const v = version ?? (year ? templateForYear(year) : '2021');
  const cells: Record<string, CellValue> = {};
  for (const k of cellKeys(v)) cells[k] = null;
  return {
    meta: { agency, year, template: v, level: null, publishedAt: null, title: null },
    sections: SECTIONS.map((s) => ({ key: s.key, title: s.title, numbering: `${s.numeral}、`, text: '' })),
    cells,
  };
}
