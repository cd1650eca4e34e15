/**
 * Who is asking: the session behind a cookie and the user's scope, looked up once and then kept
 * while the dataset's version stays the same (src/server/versions.ts). Any write — a logout, a
 * changed role or region, a disabled account, a new session — changes the version, so a revoked
 * session is never served from here; expiry is checked on every request.
 */
import { nowIso } from '../store/schema.js';
import { tokenHash, type Role, type SessionUser } from './auth.js';
import { scopeOf, type Scope, type WDB } from './data.js';
import type { DataVersion } from './versions.js';

interface Entry {
  version: string;
  user: SessionUser | null;
  expiresAt: string;
  scope: Scope | null;
}

export class Sessions {
  private cache = new Map<string, Entry>();
  constructor(
    private readonly db: WDB,
    private readonly version: DataVersion,
    private readonly max = 10_000,
  ) {}

  /** The signed-in user of a cookie token, with their scope; null when none is valid (`version`: the dataset's, when just read). */
  async user(token: string | undefined, version?: string): Promise<{ user: SessionUser; scope: Scope } | null> {
    if (!token || token.length > 100) return null;
    const h = tokenHash(token);
    const v = version ?? (await this.version.current()).any;
    let e = this.cache.get(h);
    if (!e || e.version !== v) {
      const row = await this.db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.username', 'users.role', 'users.region_id', 'users.agency_id', 'users.disabled', 'sessions.csrf', 'sessions.expires_at'])
        .where('sessions.token_hash', '=', h)
        .executeTakeFirst();
      const user: SessionUser | null =
        row && !row.disabled ? { id: row.id, username: row.username, role: row.role as Role, regionId: row.region_id, agencyId: row.agency_id, csrf: row.csrf, tokenHash: h } : null;
      e = { version: v, user, expiresAt: row?.expires_at ?? '', scope: user ? await scopeOf(this.db, user) : null };
      if (this.cache.size >= this.max) this.cache.clear();
      this.cache.set(h, e);
    }
    if (!e.user || !e.scope || e.expiresAt < nowIso()) return null;
    return { user: e.user, scope: e.scope };
  }
}
