/** The one way the app talks to the server: JSON over /api with the session cookie and the CSRF header. */
import { LEVEL_NAMES } from '../../src/core/levels';
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrf = '';
export function setCsrf(token: string): void {
  csrf = token;
}

let onUnauthorized: () => void = () => undefined;
export function whenUnauthorized(fn: () => void): void {
  onUnauthorized = fn;
}

async function errorOf(r: Response): Promise<ApiError> {
  let msg = `请求失败（${r.status}）`;
  try {
    const j = await r.json();
    if (j && typeof j.error === 'string') msg = j.error;
  } catch {
    /* not JSON */
  }
  if (r.status === 401) onUnauthorized();
  return new ApiError(r.status, msg);
}

export async function api<T = any>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const r = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  if (!r.ok) throw await errorOf(r);
  return (await r.json()) as T;
}

/** A file from the server (GET, or POST with a JSON body), saved under its own name. */
export async function download(url: string, body?: unknown): Promise<void> {
  const init: RequestInit = body === undefined ? { credentials: 'same-origin' } : { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) };
  const r = await fetch(url, init);
  if (!r.ok) throw await errorOf(r);
  const disp = r.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(disp);
  const name = m ? decodeURIComponent(m[1]) : 'download';
  const blob = await r.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export interface Me {
  id: number;
  username: string;
  role: 'admin' | 'reviewer' | 'clerk';
  region: { id: number; name: string } | null;
  agency: { id: number; name: string } | null;
  csrf: string;
}

export const LEVELS: Record<string, string> = LEVEL_NAMES;

export const ROLE_NAMES: Record<string, string> = { admin: '管理员', reviewer: '审核员', clerk: '填报员' };
