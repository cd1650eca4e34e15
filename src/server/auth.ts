/**
 * Passwords (scrypt with a per-user salt), sessions (random token in an HttpOnly SameSite=Strict
 * cookie, only its hash stored), CSRF tokens (one per session, required in a header on every
 * state-changing request) and the login rate limit.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nowIso } from '../store/schema.js';
import type { WorkbenchDB } from '../store/workbench-schema.js';

export type Role = 'admin' | 'reviewer' | 'clerk';
export const ROLES: Role[] = ['admin', 'reviewer', 'clerk'];
export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', reviewer: '审核员', clerk: '填报员' };

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const want = Buffer.from(parts[5], 'base64');
  const got = await scrypt(password, salt, want.length, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Accepted passwords: at least 8 characters (long passphrases welcome). */
export function passwordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 个字符。';
  if (password.length > 200) return '密码过长（最多 200 个字符）。';
  return null;
}

export const SESSION_COOKIE = 'nianbao_session';
export const SESSION_HOURS = 12;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Kysely<WorkbenchDB>, userId: number): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const now = Date.now();
  await db
    .insertInto('sessions')
    .values({ token_hash: tokenHash(token), user_id: userId, csrf, created_at: nowIso(), expires_at: new Date(now + SESSION_HOURS * 3600_000).toISOString() })
    .execute();
  // Expired sessions are removed as new ones are made.
  await db.deleteFrom('sessions').where('expires_at', '<', new Date(now).toISOString()).execute();
  return { token, csrf };
}

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  regionId: number | null;
  agencyId: number | null;
  csrf: string;
  tokenHash: string;
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export function sessionCookie(token: string, secure: boolean, maxAgeSeconds = SESSION_HOURS * 3600): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

/**
 * Failed logins per username (5) and per address (50) in a sliding window: past either the
 * login answers 429 until the window has passed. In memory (one server process).
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** An address is shared by a whole office behind NAT: it gets ten times a username's allowance. */
  private limitOf(key: string): number {
    return key.startsWith('ip:') ? this.maxFailures * 10 : this.maxFailures;
  }

  /** Seconds until a login is allowed again, 0 when allowed. */
  blockedFor(keys: string[], now = Date.now()): number {
    let wait = 0;
    for (const k of keys) {
      const list = this.recent(k, now);
      if (list.length >= this.limitOf(k)) wait = Math.max(wait, Math.ceil((list[0] + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: string[], now = Date.now()): void {
    for (const k of keys) this.failures.set(k, [...this.recent(k, now), now]);
    if (this.failures.size > 10_000) this.failures.clear();
  }

  succeed(keys: string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}
