/**
 * Viewer sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie scoped to `/viewer`; the
 * session itself (which archivist) is kept server-side, so the cookie carries no claims to forge.
 * Sessions end on sign-out or after `IDLE_MS` without use.
 *
 * Two keepers with one behaviour: `StoreSessions` keeps them in the store's `sessions` repository, so
 * every kantasim instance sharing a store (several behind a load balancer on one PostgreSQL) knows
 * every session and a restart forgets none; `SessionStore` keeps them in this process's memory.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SessionRepository } from '../store/state-types.ts';

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

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
/** Idle sessions are swept about once every this many sign-ins. */
const SWEEP_EVERY = 100;

/** Viewer sessions in the store, shared by every instance on it. */
export class StoreSessions {
  private creates = 0;

  constructor(
    private readonly repo: SessionRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async create(archivistId: string): Promise<ViewerSession> {
    if (++this.creates % SWEEP_EVERY === 1) await this.repo.deleteIdle(this.now() - IDLE_MS);
    const at = this.now();
    const session: ViewerSession = {
      id: randomBytes(32).toString('base64url'),
      archivistId,
      createdAt: at,
      lastSeen: at,
    };
    await this.repo.create(session);
    return session;
  }

  /** The live session for a cookie value, touched; undefined when unknown or idle too long. */
  async get(id: string | undefined): Promise<ViewerSession | undefined> {
    if (id === undefined || !SESSION_ID.test(id)) return undefined;
    const session = await this.repo.get(id);
    if (!session) return undefined;
    const at = this.now();
    if (at - session.lastSeen > IDLE_MS) {
      await this.repo.delete(id);
      return undefined;
    }
    await this.repo.touch(id, at);
    return { ...session, lastSeen: at };
  }

  async delete(id: string | undefined): Promise<void> {
    if (id !== undefined) await this.repo.delete(id);
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
