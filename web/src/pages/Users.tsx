export function UsersPage(_p: any) { return null; }
