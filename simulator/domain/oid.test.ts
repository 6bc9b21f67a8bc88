import { describe, expect, it } from 'vitest';
import { isOid, isUnder, oidProblem, parseNationalOid, stripUrnOid, toUrnOid, ytunnusArc } from './oid.ts';
import { codeSystemFor, displayOf, isCodeSystem } from './codes.ts';

describe('OIDs', () => {
  it('accepts OIDs of the national structure', () => {
    for (const oid of [
      '1.2.246.21',
      '1.2.246.10.3210987.10.0',
      '1.2.246.537.10.15675350.22.2003',
      '2.16.840.1.113883.1.6',
    ])
      expect(oidProblem(oid)).toBeUndefined();
  });

  it('says why an OID is refused', () => {
    expect(oidProblem('')).toMatch(/required/);
    expect(oidProblem('urn:oid:1.2.3')).toMatch(/urn:oid: prefix/);
    expect(oidProblem('1..2')).toMatch(/empty arc/);
    expect(oidProblem('1.2.')).toMatch(/empty arc/);
    expect(oidProblem('1.02.3')).toMatch(/leading zero/);
    expect(oidProblem('3.1')).toMatch(/first arc is 0, 1 or 2/);
    expect(oidProblem('1.2.x')).toMatch(/not an OID/);
    expect(oidProblem('1.40.1')).toMatch(/second arc must be 0–39/);
    expect(oidProblem(`1.2.${'3'.repeat(130)}`)).toMatch(/maximum is 128/);
    expect(isOid(42)).toBe(false);
  });

  it('converts between bare OIDs and urn:oid URIs', () => {
    expect(stripUrnOid('urn:oid:1.2.246.21')).toBe('1.2.246.21');
    expect(toUrnOid('1.2.246.21')).toBe('urn:oid:1.2.246.21');
    expect(toUrnOid('urn:oid:1.2.246.21')).toBe('urn:oid:1.2.246.21');
    expect(isUnder('1.2.246.10.1.19.0', '1.2.246.10.1')).toBe(true);
    expect(isUnder('1.2.246.10.12', '1.2.246.10.1')).toBe(false);
  });

  it('reads the organisation root and node class of national OIDs', () => {
    expect(parseNationalOid('1.2.246.10.3210987.19.0')).toEqual({
      organisationRoot: '1.2.246.10.3210987',
      nodeClass: '19',
      nodeClassName: 'register controller',
    });
    expect(parseNationalOid('1.2.246.537.10.15675350.22.2003')?.nodeClassName).toBe(
      'temporary patient identifiers',
    );
    expect(parseNationalOid('2.16.840.1')).toBeUndefined();
    expect(ytunnusArc('0204819-8')).toBe('2048198');
  });
});

describe('code systems', () => {
  it('finds a code system by base OID, versioned OID or urn:oid', () => {
    expect(codeSystemFor('1.2.246.537.6.881')?.name).toBe('Ajanvaraus - Ajanvarauksen tila');
    expect(codeSystemFor('urn:oid:1.2.246.537.6.881.201501')?.oid).toBe('1.2.246.537.6.881');
    expect(codeSystemFor('1.2.246.537.5.40150.2009')?.english).toBe('Patient document register');
    expect(isCodeSystem('1.2.246.537.6.12.2002', 'views')).toBe(true);
    expect(codeSystemFor('1.2.3.4')).toBeUndefined();
    expect(displayOf('1.2.246.537.5.40150.2009', '2')).toBe('Julkinen terveydenhuolto');
  });
});
