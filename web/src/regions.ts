/** The flat region list from the API → an antd tree. */
export interface Region {
  id: number;
  name: string;
  parentId: number | null;
  level: string | null;
  path: string;
}

export interface TreeNode {
  title: string;
  value: number;
  key: number;
  children: TreeNode[];
}

export function regionTree(regions: Region[]): TreeNode[] {
  const nodes = new Map<number, TreeNode>(regions.map((r) => [r.id, { title: r.name, value: r.id, key: r.id, children: [] }]));
  const roots: TreeNode[] = [];
  for (const r of regions) {
    const n = nodes.get(r.id)!;
    const parent = r.parentId !== null ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}
