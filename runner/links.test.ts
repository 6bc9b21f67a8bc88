import { describe, expect, it } from 'vitest';
import { eventLink, resourceLink, runLink, VIEWER_LINK_PATTERNS } from './links.ts';

const SIM = 'http://127.0.0.1:8080/';
const path = (href: string | undefined): string => new URL(href ?? 'http://x/none').pathname;
const known = (href: string | undefined): boolean => VIEWER_LINK_PATTERNS.some((re) => re.test(path(href)));

describe('viewer links', () => {
  it('points events, appointments, documents and runs at viewer pages that exist', () => {
    expect(eventLink(SIM, 12)).toBe('http://127.0.0.1:8080/viewer/events/12');
    expect(resourceLink(SIM, 'Appointment/abc-1/_history/3')).toBe(
      'http://127.0.0.1:8080/viewer/appointments/abc-1',
    );
    expect(resourceLink(SIM, 'Appointment/abc-1')).toBe('http://127.0.0.1:8080/viewer/appointments/abc-1');
    expect(resourceLink(SIM, 'urn:oid:1.2.246.10.3210987.91.1')).toBe(
      'http://127.0.0.1:8080/viewer/documents/1.2.246.10.3210987.91.1',
    );
    expect(resourceLink(SIM, '1.2.246.10.3210987.91.1/versions/2')).toBe(
      'http://127.0.0.1:8080/viewer/documents/1.2.246.10.3210987.91.1',
    );
    expect(runLink(SIM, '0b6d3c1e-2f4a-4f7e-9f51-6a9c1d2e3f40')).toBe(
      'http://127.0.0.1:8080/viewer/runs/0b6d3c1e-2f4a-4f7e-9f51-6a9c1d2e3f40',
    );
    for (const href of [
      eventLink(SIM, 12),
      resourceLink(SIM, 'Appointment/abc-1/_history/3'),
      resourceLink(SIM, '1.2.246.10.3210987.91.1'),
      runLink(SIM, '0b6d3c1e-2f4a-4f7e-9f51-6a9c1d2e3f40'),
    ])
      expect(known(href), href).toBe(true);
  });

  it('gives no link to resources the viewer has no page for', () => {
    expect(resourceLink(SIM, 'Provenance/p1/_history/1')).toBeUndefined();
    expect(resourceLink(SIM, 'Patient/x')).toBeUndefined();
    expect(resourceLink(SIM, 'runs/abc')).toBeUndefined();
    expect(resourceLink(SIM, 'not an id')).toBeUndefined();
  });
});
