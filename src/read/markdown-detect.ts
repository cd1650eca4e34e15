/** Markdown recognised from its content (the suffix is not trusted). */

/** Whether text looks like Markdown: headings, pipe tables with a separator row, emphasis. */
export function looksMarkdown(head: string): boolean {
  const sample = head.slice(0, 65536);
  let score = 0;
  if (/^\s{0,3}#{1,6}\s+\S/m.test(sample)) score += 2;
  if (/^\s*\|?\s*:?-{3,}:?\s*[|+]/m.test(sample)) score += 3;
  // Three rows framed by pipes in a row: a pipe table written without its separator row.
  if (/^\s*\|.*\|\s*\n\s*\|.*\|\s*\n\s*\|.*\|\s*$/m.test(sample)) score += 3;
  if (/^\s*\|.*\|\s*$/m.test(sample)) score += 1;
  if (/\*\*[^*\n]+\*\*/.test(sample)) score += 1;
  // Pandoc's own tables: grid borders (+----+----+) and simple/multiline tables' dash rows.
  if (/^\+(?:[-=:]{3,}\+){2,}\s*$/m.test(sample)) score += 3;
  if (/^ {0,3}-{3,}(?: +-{3,}){2,}\s*$/m.test(sample)) score += 2;
  return score >= 3;
}
