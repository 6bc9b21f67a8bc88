/**
 * The viewer's language pieces: choosing the language, times in Helsinki whatever offset the source
 * used (an appointment whose start and end come in different offsets reads in one zone), day-first
 * dates in the find form, and code displays marked Finnish where the list has no other language.
 */
import type { Appointment } from 'fhir/r4.js';
import type { Request } from 'express';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { StoredResource } from '../domain/fhir.ts';
import { CODE_SYSTEMS } from '../domain/codes.ts';
import { CodeName, LangContext, languageOf, safeReturnPath, whenText, type Lang } from './i18n.tsx';
import { AppointmentPage } from './pages/appointment.tsx';
import { dayMonthYear, parseDayMonthYear } from './queries.ts';
import type { ArchivistScope } from './scope.ts';

function request(headers: Record<string, string>): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name: string) => lower[name.toLowerCase()] } as unknown as Request;
}

const scope = {
  archivist: { id: 'a', name: 'Aino Arkisto' },
  registerController: { oid: '1.2.246.10.1', name: 'Kuusijärven hyvinvointialue' },
} as unknown as ArchivistScope;

function appointmentHtml(lang: Lang, start: string, end: string): string {
  const current: StoredResource<Appointment> = {
    resourceType: 'Appointment',
    id: 'apt-1',
    versionId: 1,
    lastUpdated: '2026-12-01T08:00:00.000Z',
    deleted: false,
    invalid: false,
    resource: { resourceType: 'Appointment', status: 'booked', participant: [], start, end },
  };
  return renderToString(
    h(
      LangContext.Provider,
      { value: lang },
      h(AppointmentPage, { scope, current, history: [current], provenances: [], names: new Map() }),
    ),
  );
}

describe('viewer language', () => {
  it('takes the remembered choice, then Accept-Language, then Finnish', () => {
    expect(languageOf(request({}))).toBe('fi');
    expect(languageOf(request({ 'Accept-Language': 'sv-FI,sv;q=0.9' }))).toBe('sv');
    expect(languageOf(request({ 'Accept-Language': 'de-DE' }))).toBe('fi');
    expect(languageOf(request({ 'Accept-Language': 'en', Cookie: 'x=1; kantasim_lang=sv' }))).toBe('sv');
    expect(languageOf(request({ 'Accept-Language': 'en', Cookie: 'kantasim_lang=de' }))).toBe('en');
  });

  it('returns only to the viewer’s own pages after switching', () => {
    expect(safeReturnPath('/viewer/persons/010181-900C?x=1')).toBe('/viewer/persons/010181-900C?x=1');
    expect(safeReturnPath('https://evil.example/')).toBe('/viewer/find');
    expect(safeReturnPath('//evil.example/viewer')).toBe('/viewer/find');
    expect(safeReturnPath(undefined)).toBe('/viewer/find');
  });
});

describe('times in Helsinki', () => {
  it('shows an appointment whose start and end come in different offsets in one zone', () => {
    // 13.00 Helsinki winter time given as +02:00, the end as 11.30 UTC: the same afternoon.
    const fi = appointmentHtml('fi', '2026-12-03T13:00:00+02:00', '2026-12-03T11:30:00Z');
    expect(fi).toContain('3.12.2026 klo 13.00 UTC+2');
    expect(fi).toContain('3.12.2026 klo 13.30 UTC+2');
    const sv = appointmentHtml('sv', '2026-12-03T13:00:00+02:00', '2026-12-03T11:30:00Z');
    expect(sv).toContain('3.12.2026 13.00 EET');
    expect(sv).toContain('3.12.2026 13.30 EET');
    const en = appointmentHtml('en', '2026-12-03T14:00:00+03:00', '2026-12-03T13:30:00+02:00');
    expect(en).toContain('03/12/2026, 13:00 EET');
    expect(en).toContain('03/12/2026, 13:30 EET');
    expect(en).toContain('<html lang="en">');
  });

  it('reads a wall time without an offset as Helsinki time, in summer and winter', () => {
    expect(whenText('2026-07-03T13:00:00', 'fi')).toBe('3.7.2026 klo 13.00 UTC+3');
    expect(whenText('2026-12-03T13:00:00', 'fi')).toBe('3.12.2026 klo 13.00 UTC+2');
    expect(whenText('2026-12-03', 'fi')).toBe('3.12.2026');
    expect(whenText(undefined, 'fi')).toBe('–');
  });
});

describe('day-first dates in the find form', () => {
  it('parses d.m.yyyy (and ISO for links), refuses days that do not exist', () => {
    expect(parseDayMonthYear('3.12.2026')).toBe('2026-12-03');
    expect(parseDayMonthYear('03.02.2026')).toBe('2026-02-03');
    expect(parseDayMonthYear('2026-12-03')).toBe('2026-12-03');
    expect(parseDayMonthYear('31.2.2026')).toBeUndefined();
    expect(parseDayMonthYear('12/3/2026')).toBeUndefined();
    expect(dayMonthYear('2026-12-03')).toBe('3.12.2026');
  });
});

describe('code displays', () => {
  it('marks a Finnish-only display as Finnish on an English or Swedish page', () => {
    const render = (lang: Lang): string =>
      renderToString(
        h(
          LangContext.Provider,
          { value: lang },
          h(CodeName, { system: CODE_SYSTEMS.ajanvarauksenTila.oid, code: '3' }),
        ),
      );
    expect(render('fi')).toBe('<span>Varattu</span>');
    expect(render('en')).toBe('<span lang="fi">Varattu</span>');
  });
});
