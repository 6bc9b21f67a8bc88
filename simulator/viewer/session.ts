/**
 * Viewer sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie scoped to `/viewer`; the
 * session itself (which archivist) is kept server-side in memory, so the cookie carries no claims to
 * forge. Sessions end on sign-out, after `IDLE_MS` without use, or when the simulator restarts.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'kantasim_viewer';
export const IDLE_MS = 8 * 60 * 60 * 1000;
const MAX_SESSIONS = 10_000;

export interface ViewerSession {
  id: string;
  archivistId: string;
  createdAt: number;
  lastSeen: number;
}

export class SessionStore {
  private readonly sessions = new Map<string, ViewerSession>();

  constructor(private readonly now: () => number = Date.now) {}

  create(archivistId: string): ViewerSession {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    const session: ViewerSession = { id, archivistId, createdAt: at, lastSeen: at };
    this.sessions.set(id, session);
    return session;
  }

  /** The live session for a cookie value, touched; undefined when unknown or idle too long. */
  get(id: string | undefined): ViewerSession | undefined {
    if (id === undefined || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeen > IDLE_MS) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeen = at;
    return session;
  }

  delete(id: string | undefined): void {
    if (id !== undefined) this.sessions.delete(id);
  }

  private sweep(): void {
    const at = this.now();
    for (const [id, s] of this.sessions) if (at - s.lastSeen > IDLE_MS) this.sessions.delete(id);
    // Bounded memory: drop the oldest when a flood of sign-ins fills the table.
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }
}

/** The session cookie's value from the request, if present. */
export function sessionCookie(req: Request): string | undefined {
  const header = req.get('Cookie');
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function cookieAttributes(req: Request): string {
  return `Path=/viewer; HttpOnly; SameSite=Strict${req.secure ? '; Secure' : ''}`;
}

export function setSessionCookie(req: Request, res: Response, id: string): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=${id}; ${cookieAttributes(req)}`);
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes(req)}`);
}
