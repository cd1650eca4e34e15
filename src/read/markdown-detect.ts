/** Markdown recognised from its content (the suffix is not trusted). */

/**
 * Whether text looks like Markdown: headings, pipe tables (with a separator row, or three framed
 * rows in a row), emphasis, pandoc's grid and dash-rule tables. Each pattern runs only where its
 * characters occur (plain text has none of them): this runs on every text file.
 */
export function looksMarkdown(head: string): boolean {
  const sample = head.length > 65536 ? head.slice(0, 65536) : head;
  let score = 0;
  if (sample.includes('#') && /^[ \t]{0,3}#{1,6}[ \t]+\S/m.test(sample)) score += 2;
  if (sample.includes('**') && /\*\*[^*\n]+\*\*/.test(sample)) score += 1;
  if (sample.includes('|')) {
    if (/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*[|+]/m.test(sample) || /^[ \t]*\|?[ \t]*:?-+:?[ \t]*\|[ \t]*:?-+:?[ \t]*(?:\||\r?$)/m.test(sample)) score += 3;
    else if (/^[ \t]*\|.*\|[ \t]*\r?\n[ \t]*\|.*\|[ \t]*\r?\n[ \t]*\|.*\|[ \t]*\r?$/m.test(sample)) score += 3;
    else if (/^[ \t]*\|.*\|[ \t]*\r?$/m.test(sample)) score += 1;
  }
  if (score >= 3) return true;
  if (sample.includes('---') || sample.includes('+==')) {
    // Pandoc's own tables: grid borders (+----+----+) and simple/multiline tables' dash rows.
    if (/^[ \t]*\+(?:[-=:]{3,}\+){2,}[ \t]*\r?$/m.test(sample)) score += 3;
    if (/^ {0,3}-{3,}(?: +-{3,}){2,}[ \t]*\r?$/m.test(sample)) score += 2;
  }
  return score >= 3;
}
