/** Dates and years as reports write them: Arabic or Chinese digits, 年月日 or dashes. */

export const CN_DIGITS: Record<string, string> = { 〇: '0', 零: '0', O: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

/** 二〇二三 → 2023 inside a text (only runs of exactly four Chinese digits). */
export function chineseYearsToDigits(s: string): string {
  return s.replace(/[〇零O一二三四五六七八九]{4}/g, (m) => [...m].map((c) => CN_DIGITS[c]).join(''));
}

const DATE = /((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?/;
const CN_DATE = /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/;

function cnNumber(s: string): number {
  if (s === '十') return 10;
  if (s.startsWith('十')) return 10 + cnNumber(s.slice(1));
  const i = s.indexOf('十');
  if (i > 0) return Number(CN_DIGITS[s[0]]) * 10 + (s.length > i + 1 ? Number(CN_DIGITS[s[i + 1]]) : 0);
  return Number(CN_DIGITS[s]);
}

/** 2024-01-23, 2024/1/23 15:00, 2024年1月23日, 二〇二四年一月二十日, full-width digits → 2024-01-23. */
export function parseDate(text: string): string | null {
  const s = text.normalize('NFKC');
  let y: number, m: number, d: number;
  const a = DATE.exec(s);
  if (a) [y, m, d] = [Number(a[1]), Number(a[2]), Number(a[3])];
  else {
    const b = CN_DATE.exec(s);
    if (!b) return null;
    [y, m, d] = [Number(b[1].replace(/./g, (c) => CN_DIGITS[c])), cnNumber(b[2]), cnNumber(b[3])];
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
