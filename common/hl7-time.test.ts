import { describe, expect, it } from 'vitest';
import { ackXml } from '../simulator/archive/ack.ts';
import { hl7Helsinki } from './hl7-time.ts';

describe('HL7 TS in Helsinki time', () => {
  it('writes winter time with +0200 and summer time with +0300', () => {
    expect(hl7Helsinki(new Date('2026-12-03T10:15:30Z'))).toBe('20261203121530+0200');
    expect(hl7Helsinki(new Date('2026-07-01T21:00:00Z'))).toBe('20260702000000+0300');
  });

  it('is what an archive acknowledgement gives as its creation time', () => {
    const xml = ackXml({
      code: 'AA',
      findings: [],
      outcome: 'stored',
      mode: 'strict',
      now: new Date('2026-12-03T10:15:30Z'),
    });
    expect(xml).toContain('<creationTime value="20261203121530+0200"/>');
  });
});
