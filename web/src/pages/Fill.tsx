export function FillPage(_p: any) { return null; }
