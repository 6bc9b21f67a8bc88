import { describe, it, expect } from 'vitest';
import {
  HETU_OID,
  HETU_SYSTEM,
  birthDateProblem,
  checkCharFor,
  createTestHetuGenerator,
  generateTestHetus,
  isTemporaryIdRoot,
  parseHetu,
  validateTestHetu,
} from './hetu.ts';
import type { CenturySign, HetuProblem, HetuResult } from './hetu.ts';

/** Builds a checksum-valid code, so tests state the date and number, not a precomputed check char. */
function code(ddmmyy: string, sign: CenturySign, zzz: string): string {
  return `${ddmmyy}${sign}${zzz}${checkCharFor(ddmmyy, zzz)}`;
}

function problemOf(result: HetuResult): HetuProblem {
  if (result.ok) throw new Error(`expected a problem, got valid ${result.hetu.code}`);
  return result.problem;
}

describe('parseHetu', () => {
  it.each([
    ['010181-900C', '1981-01-01', '-'],
    ['020516C903K', '2016-05-02', 'C'],
    ['010594Y9032', '1994-05-01', 'Y'],
    ['020594X903P', '1994-05-02', 'X'],
    ['050594U903M', '1994-05-05', 'U'],
    ['010501E9032', '2001-05-01', 'E'],
    ['020503F9037', '2003-05-02', 'F'],
    ['131052-308T', '1952-10-13', '-'],
  ])('accepts the verified code %s born %s with sign %s', (c, born, sign) => {
    const result = parseHetu(c);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.hetu.birthDate).toBe(born);
      expect(result.hetu.centurySign).toBe(sign);
      expect(result.hetu.code).toBe(c);
    }
  });

  it.each([
    ['+', '1894-05-01'],
    ['-', '1994-05-01'],
    ['Y', '1994-05-01'],
    ['X', '1994-05-01'],
    ['W', '1994-05-01'],
    ['V', '1994-05-01'],
    ['U', '1994-05-01'],
    ['A', '2094-05-01'],
    ['B', '2094-05-01'],
    ['C', '2094-05-01'],
    ['D', '2094-05-01'],
    ['E', '2094-05-01'],
    ['F', '2094-05-01'],
  ] as const)('reads century sign %s as born %s', (sign, born) => {
    const result = parseHetu(code('010594', sign, '902'));
    expect(result).toMatchObject({ ok: true, hetu: { birthDate: born, centurySign: sign } });
  });

  it('keeps codes that differ only by century sign distinct', () => {
    const a = parseHetu('010594Y9032');
    const b = parseHetu('010594-9032');
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.hetu.code).not.toBe(b.hetu.code);
      expect(a.hetu.centurySign).toBe('Y');
      expect(b.hetu.centurySign).toBe('-');
      expect(a.hetu.checkChar).toBe(b.hetu.checkChar);
    }
  });

  it('derives sex from the parity of the individual number and the range from its value', () => {
    expect(parseHetu('010181-900C')).toMatchObject({ ok: true, hetu: { sex: 'female', range: 'test' } });
    expect(parseHetu('020516C903K')).toMatchObject({
      ok: true,
      hetu: { sex: 'male', individualNumber: 903 },
    });
    expect(parseHetu('131052-308T')).toMatchObject({ ok: true, hetu: { sex: 'female', range: 'person' } });
    expect(parseHetu(code('010101', '-', '002'))).toMatchObject({ ok: true, hetu: { range: 'person' } });
    expect(parseHetu(code('010101', '-', '899'))).toMatchObject({ ok: true, hetu: { range: 'person' } });
  });

  it('accepts 29 February in leap years, including 2000', () => {
    expect(parseHetu(code('290200', 'A', '900')).ok).toBe(true);
    expect(parseHetu(code('290296', '-', '900')).ok).toBe(true);
    expect(parseHetu(code('290204', 'B', '901')).ok).toBe(true);
  });

  it('refuses 29 February in common years, including 1900, with reason date', () => {
    expect(problemOf(parseHetu(code('290201', 'A', '900')))).toMatchObject({
      reason: 'date',
      message: expect.stringContaining('2001 is not a leap year'),
    });
    expect(problemOf(parseHetu(code('290200', '-', '900')))).toMatchObject({
      reason: 'date',
      message: expect.stringContaining('1900 is not a leap year'),
    });
  });

  it('treats 290100 as 29 January, a valid date', () => {
    expect(parseHetu(code('290100', '-', '900'))).toMatchObject({
      ok: true,
      hetu: { birthDate: '1900-01-29' },
    });
  });

  it('refuses impossible months and days with reason date', () => {
    expect(problemOf(parseHetu(code('011394', '-', '900'))).reason).toBe('date');
    expect(problemOf(parseHetu(code('310494', '-', '900'))).message).toContain('month 04 has 30 days');
    expect(problemOf(parseHetu(code('000194', '-', '900'))).reason).toBe('date');
  });

  it.each(['010190-999K', '010190Y999K', '010190-999Y', '010190-999X'])(
    'refuses the published bad example %s and names W as the expected check character',
    (c) => {
      const problem = problemOf(parseHetu(c));
      expect(problem.reason).toBe('check-char');
      expect(problem.expected).toBe('W');
      expect(problem.message).toBe(`check character is '${c.charAt(10)}' but should be 'W'`);
    },
  );

  it('refuses individual numbers 000 and 001 with reason individual-number', () => {
    expect(problemOf(parseHetu(code('010181', '-', '000'))).reason).toBe('individual-number');
    expect(problemOf(parseHetu(code('010181', '-', '001'))).reason).toBe('individual-number');
  });

  it('says the length is wrong when the code is not 11 characters', () => {
    expect(problemOf(parseHetu('010181-900'))).toMatchObject({
      reason: 'format',
      message: expect.stringContaining('got 10'),
    });
    expect(problemOf(parseHetu(' 010181-900C')).message).toContain('whitespace');
    expect(problemOf(parseHetu('')).reason).toBe('format');
  });

  it('says lowercase letters are not accepted', () => {
    expect(problemOf(parseHetu('010594y9032'))).toMatchObject({ reason: 'format', expected: '010594Y9032' });
    expect(problemOf(parseHetu('010181-900c')).message).toContain('uppercase');
  });

  it('names the positions that should be digits', () => {
    const problem = problemOf(parseHetu('01X181-9O0C'));
    expect(problem.reason).toBe('format');
    expect(problem.message).toContain("3 ('X')");
    expect(problem.message).toContain("9 ('O')");
  });

  it('refuses an unknown century sign with reason century-sign', () => {
    const problem = problemOf(parseHetu('010181Z900C'));
    expect(problem.reason).toBe('century-sign');
    expect(problem.message).toContain("unknown century sign 'Z'");
  });
});

describe('checkCharFor', () => {
  it('computes the mod-31 check character from the date and individual digits', () => {
    expect(checkCharFor('010181', '900')).toBe('C');
    expect(checkCharFor('131052', '308')).toBe('T');
    expect(checkCharFor('010190', '999')).toBe('W');
  });

  it('refuses input that is not 6 + 3 digits', () => {
    expect(() => checkCharFor('01018', '900')).toThrow(RangeError);
    expect(() => checkCharFor('010181', '9a0')).toThrow(RangeError);
  });
});

describe('validateTestHetu', () => {
  it('accepts a 900-series test code', () => {
    expect(validateTestHetu('010181-900C')).toMatchObject({ ok: true, hetu: { range: 'test' } });
  });

  it('refuses a real-person-range code and says only Kela 900-series test codes are accepted', () => {
    const problem = problemOf(validateTestHetu('131052-308T'));
    expect(problem.reason).toBe('real-person-range');
    expect(problem.message).toContain('only Kela-issued 900-series test codes');
  });

  it('accepts a real-person-range code when allowReal is set', () => {
    expect(validateTestHetu('131052-308T', { allowReal: true })).toMatchObject({
      ok: true,
      hetu: { range: 'person' },
    });
  });

  it('still refuses an invalid code when allowReal is set', () => {
    expect(problemOf(validateTestHetu('010190-999K', { allowReal: true })).reason).toBe('check-char');
  });
});

describe('isTemporaryIdRoot', () => {
  it.each([
    '1.2.246.10.2085212.22.2024',
    '1.2.246.10.2085212.10.1314.22.2019',
    '1.2.246.537.10.15675350.22.2003',
  ])('recognises the temporary-ID root %s', (oid) => {
    expect(isTemporaryIdRoot(oid)).toBe(true);
  });

  it.each([
    HETU_OID,
    '1.2.246.10.2085212.10.1314',
    '1.2.246.10.2085212.19.0',
    '1.2.246.10.2085212.22.24',
    '1.2.246.537.10.15675350.91007.3135.2',
    '1.2.246.10.2085212.22.2024.1',
    ' 1.2.246.10.2085212.22.2024',
  ])('does not take %s for a temporary-ID root', (oid) => {
    expect(isTemporaryIdRoot(oid)).toBe(false);
  });

  it('exposes the HETU OID and FHIR system', () => {
    expect(HETU_SYSTEM).toBe(`urn:oid:${HETU_OID}`);
  });
});

describe('test code generator', () => {
  it('generates 10,000 unique, valid test-range codes with a seed and mixed style', () => {
    const hetus = generateTestHetus(10_000, { seed: 'kantasim', style: 'mixed' });
    const codes = hetus.map((h) => h.code);
    expect(new Set(codes).size).toBe(10_000);
    for (const h of hetus) {
      const result = validateTestHetu(h.code);
      if (!result.ok) throw new Error(`${h.code}: ${result.problem.message}`);
      expect(result.hetu).toEqual(h);
      expect(h.individualNumber).toBeGreaterThanOrEqual(900);
      expect(h.birthDate >= '1900-01-01' && h.birthDate <= '2022-12-31').toBe(true);
    }
    const signs = new Set(hetus.map((h) => h.centurySign));
    expect([...signs].sort()).toEqual(['-', 'A', 'B', 'C', 'D', 'E', 'F', 'U', 'V', 'W', 'X', 'Y'].sort());
  });

  it('returns the same codes for the same seed and different codes for another seed', () => {
    const a = generateTestHetus(50, { seed: 7 }).map((h) => h.code);
    expect(generateTestHetus(50, { seed: 7 }).map((h) => h.code)).toEqual(a);
    expect(generateTestHetus(50, { seed: '7' }).map((h) => h.code)).toEqual(a);
    expect(generateTestHetus(50, { seed: 8 }).map((h) => h.code)).not.toEqual(a);
  });

  it('uses only the old century signs with style old', () => {
    const signs = new Set(generateTestHetus(500, { seed: 1, style: 'old' }).map((h) => h.centurySign));
    expect([...signs].sort()).toEqual(['-', 'A']);
  });

  it('uses only the 2023 century signs with style new', () => {
    const signs = generateTestHetus(500, { seed: 1, style: 'new' }).map((h) => h.centurySign);
    expect(signs.every((s) => 'YXWVUBCDEF'.includes(s))).toBe(true);
  });

  it('respects the requested birth date and sex', () => {
    const generator = createTestHetuGenerator({ seed: 3 });
    const female = generator.next({ born: '1994-05-01', sex: 'female' });
    expect(female).toMatchObject({ birthDate: '1994-05-01', sex: 'female', range: 'test' });
    expect(female.individualNumber % 2).toBe(0);
    const male = generator.next({ born: '2016-05-02', sex: 'male' });
    expect(male).toMatchObject({ birthDate: '2016-05-02', sex: 'male' });
    expect('ABCDEF').toContain(male.centurySign);
  });

  it('always uses the plus sign for births in the 1800s', () => {
    const hetus = generateTestHetus(20, { seed: 1, style: 'new', born: '1899-12-31' });
    expect(hetus.every((h) => h.centurySign === '+' && h.birthDate === '1899-12-31')).toBe(true);
  });

  it('moves to another century sign when one sign is used up', () => {
    const hetus = generateTestHetus(100, { seed: 1, style: 'mixed', born: '1994-05-01', sex: 'male' });
    expect(new Set(hetus.map((h) => h.code)).size).toBe(100);
    expect(new Set(hetus.map((h) => h.centurySign)).size).toBeGreaterThanOrEqual(2);
  });

  it('throws a clear error once a birth date, sex and style combination is exhausted', () => {
    const generator = createTestHetuGenerator({ seed: 1, style: 'old' });
    for (let i = 0; i < 50; i++) generator.next({ born: '1981-01-01', sex: 'female' });
    expect(() => generator.next({ born: '1981-01-01', sex: 'female' })).toThrow(
      /no unused test identity codes left for born 1981-01-01, female with style 'old'/,
    );
    // The other sex on that date is still free.
    expect(generator.next({ born: '1981-01-01', sex: 'male' }).sex).toBe('male');
  });

  it('falls back to the other sex when no sex was requested', () => {
    const generator = createTestHetuGenerator({ seed: 1, style: 'old' });
    const sexes = Array.from({ length: 100 }, () => generator.next({ born: '1881-01-01' }).sex);
    expect(sexes.filter((s) => s === 'female')).toHaveLength(50);
    expect(() => generator.next({ born: '1881-01-01' })).toThrow(/no unused test identity codes/);
  });

  it('refuses a birth date that does not exist or cannot be expressed', () => {
    const generator = createTestHetuGenerator({ seed: 1 });
    expect(() => generator.next({ born: '2001-02-29' })).toThrow(RangeError);
    expect(() => generator.next({ born: '1799-12-31' })).toThrow(/1800–2099/);
    expect(birthDateProblem('1994-5-1')).toContain('YYYY-MM-DD');
    expect(birthDateProblem('2000-02-29')).toBeNull();
  });

  it('generates without a seed', () => {
    const hetus = generateTestHetus(20);
    expect(hetus.every((h) => validateTestHetu(h.code).ok)).toBe(true);
  });
});
