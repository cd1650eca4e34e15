export function UnitsPage(_p: any) { return null; }
