/** Markdown recognised from its content (the suffix is not trusted). */

/** Whether text looks like Markdown: headings, pipe tables with a separator row, emphasis. */
export function looksMarkdown(head: string): boolean {
  const sample = head.slice(0, 20000);
  let score = 0;
  if (/^\s{0,3}#{1,6}\s+\S/m.test(sample)) score += 2;
  if (/^\s*\|?\s*:?-{3,}:?\s*\|/m.test(sample)) score += 3;
  if (/^\s*\|.*\|\s*$/m.test(sample)) score += 1;
  if (/\*\*[^*\n]+\*\*/.test(sample)) score += 1;
  return score >= 3;
}
