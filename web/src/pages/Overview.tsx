export function OverviewPage(_p: any) { return null; }
