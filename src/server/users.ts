/** Creating and changing accounts (shared by the API and `nianbao user add`). */
import { nowIso } from '../store/schema.js';
import { hashPassword, passwordProblem, ROLES, type Role } from './auth.js';
import type { WDB } from './data.js';

export class UserInputError extends Error {}

export interface NewUser {
  username: string;
  password: string;
  role: string;
  regionId?: number | null;
  agencyId?: number | null;
}

export function checkScopeFields(role: string, regionId: number | null | undefined, agencyId: number | null | undefined): void {
  if (!ROLES.includes(role as Role)) throw new UserInputError(`角色“${role}”无效，应为 admin（管理员）、reviewer（审核员）或 clerk（填报员）。`);
  if (role === 'reviewer' && !regionId) throw new UserInputError('审核员必须指定负责的地区（--region）。');
  if (role === 'clerk' && !agencyId) throw new UserInputError('填报员必须指定所属单位（--agency）。');
}

export async function createUser(db: WDB, u: NewUser): Promise<number> {
  const username = u.username.trim();
  if (!/^[\p{L}\p{N}_.@-]{2,40}$/u.test(username)) throw new UserInputError('用户名应为 2–40 个字母、数字、汉字或 _ . @ -。');
  const bad = passwordProblem(u.password);
  if (bad) throw new UserInputError(bad);
  checkScopeFields(u.role, u.regionId, u.agencyId);
  if (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst()) throw new UserInputError(`用户名“${username}”已存在。`);
  const ins = await db
    .insertInto('users')
    .values({
      username,
      password_hash: await hashPassword(u.password),
      role: u.role,
      region_id: u.role === 'reviewer' ? (u.regionId ?? null) : null,
      agency_id: u.role === 'clerk' ? (u.agencyId ?? null) : null,
      disabled: 0,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return ins.id;
}
