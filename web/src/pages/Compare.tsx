export function ComparePage(_p: any) { return null; }
