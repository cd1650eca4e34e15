/**
 * Agency names → one key per agency, so reports link across years even when the name is
 * written differently (洪泽区人民政府 / 淮安市洪泽区人民政府).
 *
 * The rule: strip 人民政府 / 办公室 / 办公厅 / 办事处 suffixes; split the rest into a chain of
 * regions (淮安市 › 洪泽区) and a unit (财政局, or '' for a government); two names are the
 * same agency when their units are equal and one region chain is a suffix of the other
 * (the longest region suffix, within the same parent region). A short name that fits
 * several agencies in different parent regions is not linked (ambiguous).
 */
export interface AgencyKey {
  /** Normalised name: region chain + unit. */
  norm: string;
  regions: string[];
  unit: string;
  /** Last region + unit: the part two spellings share. */
  leaf: string;
  /** Region chain joined. */
  region: string;
  /** Normalised key of the enclosing government, when the name states it. */
  parentNorm: string | null;
}

// Two-character counties exist (房县, 沛县): one character before 县 is allowed, not before 市/区.
const REGION_TOKEN = /^(.县|.{2,}?(?:特别行政区|自治区|自治州|自治县|自治旗|街道|地区|新区|开发区|实验区|省|市|区|县|旗|州|盟|镇|乡|苏木))/u;
const NOT_A_REGION = /[和与及、]|城乡$|^(?:城市|市区|城区|社区|园区|景区|校区|辖区|片区|小区|都市|全县|本县|全区|全市|本市|本区)$/;

/** Clean form of a printed name: NFKC, no spaces or trailing parentheticals. */
export function cleanName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000\u00a0\u2002]+/g, '')
    .replace(/[(（][^()（）]*[)）]$/u, '')
    .replace(/[“”"'《》]/g, '');
}

/** Strips the suffixes that do not change which agency it is. */
export function stripSuffixes(name: string): string {
  let n = cleanName(name);
  for (let i = 0; i < 3; i++) {
    const before = n;
    n = n.replace(/(?:人民政府)?办公(?:厅|室)$/u, '').replace(/(街道)办事处$/u, '$1').replace(/人民政府$/u, '');
    // A 管委会 governs its 开发区 / 实验区 / 新区: the same agency as the area's government.
    n = n.replace(/(区)(?:管理委员会|管委会)$/u, '$1');
    if (/(?:省|市|区|县|旗|州|盟|镇|乡)政府$/u.test(n)) n = n.replace(/政府$/u, '');
    if (n === before || n.length < 2) break;
  }
  return n.length >= 2 ? n : cleanName(name);
}

/** Splits a stripped name into region tokens and the unit that follows them. */
export function splitRegions(stripped: string): { regions: string[]; unit: string } {
  const regions: string[] = [];
  let rest = stripped;
  while (rest.length > 0 && regions.length < 6) {
    const m = REGION_TOKEN.exec(rest);
    if (!m || NOT_A_REGION.test(m[1]) || m[1].length > 14) break;
    regions.push(m[1]);
    rest = rest.slice(m[1].length);
  }
  return { regions, unit: rest };
}

export function agencyKey(printed: string): AgencyKey {
  const { regions, unit } = splitRegions(stripSuffixes(printed));
  const region = regions.join('');
  const leaf = (regions.at(-1) ?? '') + unit;
  let parentNorm: string | null = null;
  if (unit && regions.length > 0) parentNorm = region;
  else if (!unit && regions.length >= 2) parentNorm = regions.slice(0, -1).join('');
  return { norm: region + unit, regions, unit, leaf: leaf || printed, region, parentNorm };
}

/** True when b's region chain ends with a's (or the reverse) and the units are equal. */
export function sameAgency(a: Pick<AgencyKey, 'regions' | 'unit'>, b: Pick<AgencyKey, 'regions' | 'unit'>): boolean {
  if (a.unit !== b.unit) return false;
  if (a.regions.length === 0 || b.regions.length === 0) return a.regions.length === b.regions.length;
  const [s, l] = a.regions.length <= b.regions.length ? [a.regions, b.regions] : [b.regions, a.regions];
  const off = l.length - s.length;
  return s.every((r, i) => r === l[off + i]);
}

export interface StoredAgency {
  id: number;
  norm_name: string;
  region: string;
  leaf: string;
}

/**
 * The stored agency a key belongs to, among those sharing its leaf: exact norm first,
 * then the single compatible one; null when none or ambiguous (several parents).
 */
export function pickAgency(key: AgencyKey, candidates: StoredAgency[]): StoredAgency | null {
  const exact = candidates.find((c) => c.norm_name === key.norm);
  if (exact) return exact;
  const fits = candidates.filter((c) => {
    const { regions, unit } = splitRegions(c.norm_name);
    // The stored agency's region may have grown longer than its norm (learned from a longer spelling).
    const known = splitRegions(c.region).regions;
    const chain = known.length > regions.length ? known : regions;
    return sameAgency(key, { regions: chain, unit });
  });
  if (fits.length === 1) return fits[0];
  if (fits.length > 1) {
    // Same parent everywhere? Then they are the same place; take the longest chain.
    const parents = new Set(fits.map((c) => splitRegions(c.region).regions.slice(0, -1).join('')).filter(Boolean));
    if (parents.size <= 1) return fits.sort((a, b) => b.region.length - a.region.length)[0];
  }
  return null;
}

/** Region chain prefixes of a region (淮安市洪泽区 → [淮安市]): the enclosing regions. */
export function enclosingRegions(region: string): string[] {
  const { regions } = splitRegions(region);
  const out: string[] = [];
  for (let i = 1; i < regions.length; i++) out.push(regions.slice(0, i).join(''));
  return out;
}

/** A consolidated (region-wide) report: 全区 / 全市 / 汇总 in its title. */
export function isConsolidatedTitle(title: string | null | undefined): boolean {
  if (!title) return false;
  return /汇总|全(?:省|市|区|县|州|旗|盟)政府信息公开/u.test(title.replace(/\s/g, ''));
}
