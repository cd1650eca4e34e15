/**
 * A page title as sites write it: the report's title, then the column and the site after a
 * separator (…年度报告_政府信息公开年报_XX市人民政府). The parts, in order.
 */
export function titleParts(title: string): string[] {
  return title
    .split(/\s*(?:_|\||｜|——|－|\s-\s|—\s)\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
}
