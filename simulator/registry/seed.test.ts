/**
 * The fixture world's customer dates are relative to the seeding day, so the world (and the shipped
 * scenarios that rely on a ready or a not-ready customer) stays valid whenever it is seeded.
 */
import { describe, expect, it } from 'vitest';
import { helsinkiToday, loadWorld, resolveWorldDate, resolveWorldDates } from './seed.ts';

describe('fixture world dates', () => {
  it('resolves today, today+N and today-N; leaves fixed dates alone', () => {
    expect(resolveWorldDate('today', '2026-12-31')).toBe('2026-12-31');
    expect(resolveWorldDate('today+1', '2026-12-31')).toBe('2027-01-01');
    expect(resolveWorldDate('today-60', '2026-03-01')).toBe('2025-12-31');
    expect(resolveWorldDate('2026-06-01', '2030-01-01')).toBe('2026-06-01');
  });

  it('counts the day in Helsinki', () => {
    expect(helsinkiToday(new Date('2026-12-01T22:30:00Z'))).toBe('2026-12-02');
  });

  it('holds no fixed customer dates, and none in the past once seeded', () => {
    const world = loadWorld();
    const raw = world.customers.flatMap((c) => [
      ...c.connectionPoints.map((p) => p.announcedAt),
      ...(c.plannedStart ? [c.plannedStart] : []),
    ]);
    expect(raw.every((d) => d.startsWith('today'))).toBe(true);
    const today = '2031-05-20';
    for (const c of resolveWorldDates(world, today).customers) {
      expect(c.plannedStart! >= today).toBe(true);
      for (const p of c.connectionPoints) expect(p.announcedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
