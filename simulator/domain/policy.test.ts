/**
 * The submission policy on its own: the decision for every kind of finding in both modes, the one
 * reading of the mode header, and the one order in which an organisation's Kanta customer is found.
 */
import { describe, expect, it } from 'vitest';
import { error, fatal, guarded, warning, type Finding } from './findings.ts';
import { customerOf, decide, modeNamed, parseModeHeader, REHEARSAL_NOTE } from './policy.ts';
import type { Customer, Organisation, RegistryReader } from './registry.ts';

const content = error('CDA-HDR-003', '/ClinicalDocument/realmCode/@code', 'realmCode must be FI');
const note = warning('CDA-HDR-018', '/ClinicalDocument', 'no languageCode');
const identity = guarded(error('KANTA-ID-002', 'Patient.identifier[0].value', 'a real person'));

describe('decide', () => {
  it('stores a submission without blocking findings as valid in both modes', () => {
    for (const mode of ['strict', 'rehearsal'] as const)
      expect(decide([note], mode)).toEqual({ store: true, valid: true, answered: [note] });
  });

  it('refuses a content error in strict mode and stores it invalid in rehearsal, errors as warnings', () => {
    expect(decide([content, note], 'strict')).toMatchObject({
      store: false,
      valid: false,
      answered: [content, note],
      refusedBecause: 'blocking',
    });
    const r = decide([content, note], 'rehearsal');
    expect([r.store, r.valid]).toEqual([true, false]);
    expect(r.answered.map((f) => [f.code, f.severity])).toEqual([
      ['CDA-HDR-003', 'warning'],
      ['CDA-HDR-018', 'warning'],
    ]);
    expect(r.answered[0]?.message).toBe(`realmCode must be FI ${REHEARSAL_NOTE}`);
    expect(r.answered[1]?.message).toBe('no languageCode');
  });

  it('never relaxes the identity guard, fatal findings or unstorable input', () => {
    const cases: [Finding[], object, string][] = [
      [[identity], {}, 'identity-guard'],
      [[content, identity], {}, 'identity-guard'],
      [[fatal('CDA-HDR-004', '/ClinicalDocument/id/@root', 'no OID')], {}, 'fatal'],
      [[content], { storable: false }, 'unstorable'],
    ];
    for (const [findings, options, because] of cases)
      for (const mode of ['strict', 'rehearsal'] as const)
        expect(decide(findings, mode, options)).toMatchObject({
          store: false,
          answered: findings,
          refusedBecause: because,
        });
  });

  it('a guard flag on a warning blocks nothing (real codes allowed by the operator are warnings)', () => {
    const allowed = guarded(warning('CDA-ID-006', '/x', 'accepted because the operator allows real codes'));
    expect(decide([allowed], 'rehearsal')).toMatchObject({ store: true, valid: true });
  });

  it('unstorable input without blocking findings is stored', () => {
    expect(decide([note], 'strict', { storable: false })).toMatchObject({ store: true, valid: true });
  });
});

describe('the mode header', () => {
  it('absent or empty means the server mode', () => {
    expect(parseModeHeader(undefined, 'rehearsal', 'X')).toBe('rehearsal');
    expect(parseModeHeader('  ', 'strict', 'X')).toBe('strict');
  });

  it('is read case-insensitively with blanks ignored', () => {
    expect(parseModeHeader(' Rehearsal ', 'strict', 'X')).toBe('rehearsal');
    expect(parseModeHeader('STRICT', 'rehearsal', 'X')).toBe('strict');
    expect(modeNamed('rehearsal')).toBe('rehearsal');
  });

  it('a value that names no mode is a fatal finding with the channel code', () => {
    expect(parseModeHeader('lenient', 'strict', 'CDA-MSG-014')).toEqual({
      code: 'CDA-MSG-014',
      severity: 'fatal',
      path: 'X-Kantasim-Mode',
      message: "X-Kantasim-Mode must be 'strict' or 'rehearsal', not 'lenient'",
    });
  });
});

function registry(orgs: Partial<Organisation>[], customers: string[]): RegistryReader & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    getOrganisation: (oid) => Promise.resolve(orgs.find((o) => o.oid === oid) as Organisation | undefined),
    getCustomer: (oid) => {
      asked.push(oid);
      return Promise.resolve(customers.includes(oid) ? ({ orgOid: oid } as Customer) : undefined);
    },
  };
}

describe('customerOf', () => {
  const org = { oid: '1.2.246.10.1.10.0' };
  const unit = { oid: '1.2.246.10.1.10.2', partOf: org.oid };
  const sub = { oid: '1.2.246.10.1.10.2.1', partOf: unit.oid };

  it('is the organisation itself when it has customer data', async () => {
    const r = registry([org, unit], [unit.oid, org.oid]);
    expect((await customerOf(r, unit.oid))?.orgOid).toBe(unit.oid);
    expect(r.asked).toEqual([unit.oid]);
  });

  it('otherwise walks partOf upwards to the first organisation with customer data', async () => {
    const r = registry([org, unit, sub], [org.oid]);
    expect((await customerOf(r, sub.oid))?.orgOid).toBe(org.oid);
    expect(r.asked).toEqual([sub.oid, unit.oid, org.oid]);
  });

  it('is undefined when nobody up the chain is a customer, and a partOf loop ends the walk', async () => {
    expect(await customerOf(registry([org, unit], []), unit.oid)).toBeUndefined();
    const a = { oid: '1.2.246.10.9.10.0', partOf: '1.2.246.10.9.10.1' };
    const b = { oid: '1.2.246.10.9.10.1', partOf: a.oid };
    const r = registry([a, b], []);
    expect(await customerOf(r, a.oid)).toBeUndefined();
    expect(r.asked).toEqual([a.oid, b.oid]);
  });
});
