/**
 * Passcodes of archivist accounts: stored as scrypt hashes (`scrypt$<salt>$<hash>`, base64), compared in
 * constant time. kantasim does not simulate the test professional card the real Archivist UI asks for;
 * an optional passcode keeps one archivist from casually signing in as another on a shared simulator.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;

export function hashPasscode(passcode: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(passcode, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** True when `passcode` matches the stored hash. A malformed hash never matches. */
export function verifyPasscode(passcode: string, stored: string): boolean {
  const [scheme, saltB64, hashB64] = stored.split('$');
  if (scheme !== 'scrypt' || saltB64 === undefined || hashB64 === undefined) return false;
  const expected = Buffer.from(hashB64, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const actual = scryptSync(passcode, Buffer.from(saltB64, 'base64'), KEY_LENGTH);
  return timingSafeEqual(actual, expected);
}
