/**
 * Viewer sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie scoped to `/viewer`; the
 * session itself (which archivist) is kept server-side, so the cookie carries no claims to forge.
 * Sessions end on sign-out or after `IDLE_MS` without use.
 *
 * Sessions are kept in the store's `sessions` repository (`StoreSessions`), in every mode: every kantasim
 * instance sharing a store (several behind a load balancer on one PostgreSQL) knows every session, a
 * restart of a file- or server-backed store forgets none, and no instance holds state a load balancer
 * would have to pin clients to. Idle sessions are swept from the store now and then at sign-in.
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { SessionRepository } from '../store/state-types.ts';

export const SESSION_COOKIE = 'kantasim_viewer';
export const IDLE_MS = 8 * 60 * 60 * 1000;

export interface ViewerSession {
  id: string;
  archivistId: string;
  createdAt: number;
  lastSeen: number;
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
    // A cookie that cannot be a session id names nothing; it never reaches the store.
    if (id !== undefined && SESSION_ID.test(id)) await this.repo.delete(id);
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
