import { describe, expect, it } from 'vitest';
import {
  classify,
  containsRealCode,
  findRealCodeDeep,
  findRealCodes,
  findRealCodesInXhtml,
  invalidReason,
  isHetuSystem,
  mask,
  maskDeep,
  maskText,
  normaliseSystem,
  readerText,
  shown,
} from './identity-guard.ts';

const TEMP_ROOT = '1.2.246.10.3210987.22.2026';

describe('identity guard', () => {
  it('classifies test, real, temporary and invalid values', () => {
    expect(classify('010181-900C')).toBe('test');
    expect(classify('131052-308T')).toBe('real');
    expect(classify('131052-308X')).toBe('invalid');
    expect(classify('010100A998F', TEMP_ROOT)).toBe('temporary');
    expect(classify('010100A123X', TEMP_ROOT)).toBe('temporary');
    expect(classify('010100A123D', TEMP_ROOT)).toBe('real');
    expect(classify('010100A123D', `urn:oid:${TEMP_ROOT}`)).toBe('real');
    expect(classify(' 131052-308T ')).toBe('real');
  });

  it('masks the individual number and leaves everything else alone', () => {
    expect(mask('131052-308T')).toBe('131052-***T');
    expect(maskText('potilas 131052-308T ja 010181-900C')).toBe('potilas 131052-***T ja 010181-900C');
    expect(maskText('/fhir/Patient/131052-308T?x=1')).toBe('/fhir/Patient/131052-***T?x=1');
    expect(maskText(maskText('131052-308T'))).toBe('131052-***T');
    expect(maskText('x131052-308Tx')).toBe('x131052-308Tx');
    expect(maskText('131052-308X')).toBe('131052-308X');
  });

  it('masks every string of a JSON value, keys included, without changing the input', () => {
    const input = { patient: '131052-308T', list: [{ '131052-308T': 1 }], n: 3, ok: true, none: null };
    expect(maskDeep(input)).toEqual({
      patient: '131052-***T',
      list: [{ '131052-***T': 1 }],
      n: 3,
      ok: true,
      none: null,
    });
    expect(input.patient).toBe('131052-308T');
  });

  it('finds the first real code in a JSON value with its JSON pointer', () => {
    expect(findRealCodeDeep({ a: [{ b: 'x' }, { 'c/d': 'see 131052-308T' }] })).toEqual({
      code: '131052-308T',
      path: '/a/1/c~1d',
    });
    expect(findRealCodeDeep({ a: '010181-900C' })).toBeUndefined();
    expect(containsRealCode('010181-900C')).toBe(false);
  });

  it('normalises differently written systems', () => {
    expect(normaliseSystem('URN:OID:1.2.246.21')).toBe('1.2.246.21');
    expect(normaliseSystem(' 1.2.246.21 ')).toBe('1.2.246.21');
    expect(normaliseSystem('urn:oid: 1.2.246.21')).toBe('1.2.246.21');
    expect(normaliseSystem('urn:oid:1.2.246.21.1')).toBe('1.2.246.21.1');
    expect(normaliseSystem('http://example.org')).toBeUndefined();
    expect(isHetuSystem('urn:oid:1.2.246.21.1')).toBe(false);
  });

  it('never reveals a real code through a message: masked, and no correct check character', () => {
    expect(shown('131052-308X')).toBe('131052-***X');
    expect(invalidReason('131052-308X')).not.toMatch(/'T'|308/);
    expect(invalidReason('010181-900D')).toMatch(/should be 'C'/);
  });
});

describe('where a code hides', () => {
  // [text, what masking gives, the real codes found]
  it.each<[string, string, string[]]>([
    ['HETU131052-308T', 'HETU131052-***T', ['131052-308T']],
    ['x131052-308T', 'x131052-***T', ['131052-308T']],
    ['"msg":"a\\n131052-308T"', '"msg":"a\\n131052-***T"', ['131052-308T']],
    [
      'identifier=urn:oid:1.2.246.21%7C131052-308T',
      'identifier=urn:oid:1.2.246.21%7C131052-***T',
      ['131052-308T'],
    ],
    ['/registry/test-persons/%20131052-308T', '/registry/test-persons/%20131052-***T', ['131052-308T']],
    ['q=%22131052-308T%22', 'q=%22131052-***T%22', ['131052-308T']],
    ['q=%2520131052-308T', 'q=%2520131052-***T', ['131052-308T']],
    ['131052%2D308T', '131052%2D***T', ['131052-308T']],
    ['131052%2d308t', '131052%2d***t', ['131052-308T']],
    ['%C3%A4131052-308T', '%C3%A4131052-***T', ['131052-308T']],
    // Not a code: inside a longer number or word, a test code, an OID, an escape that is not one.
    ['1131052-308T', '1131052-308T', []],
    ['131052-308T1', '131052-308T1', []],
    ['x131052-308Tx', 'x131052-308Tx', []],
    ['%2131052-308T', '%2131052-308T', []],
    ['urn:oid:1.2.246.21%7C010181-900C', 'urn:oid:1.2.246.21%7C010181-900C', []],
    ['HETU010181-900C', 'HETU010181-900C', []],
    ['urn:oid:1.2.246.10.1234567.10.0', 'urn:oid:1.2.246.10.1234567.10.0', []],
    ['puh 040-1234567, 2026-12-03T07:00:00Z', 'puh 040-1234567, 2026-12-03T07:00:00Z', []],
    ['131052-308X', '131052-308X', []],
  ])('%s', (text, masked, codes) => {
    expect(maskText(text)).toBe(masked);
    expect(findRealCodes(text)).toEqual(codes);
    expect(maskText(masked)).toBe(masked);
    expect(findRealCodes(masked)).toEqual([]);
  });
});

describe('a narrative as its reader sees it', () => {
  it.each<[string, string]>([
    ['<div><b>131052</b>-308T</div>', '131052-308T'],
    ['<div>131052&#45;308T</div>', '131052-308T'],
    ['<div>131052&#x2D;308T &amp; more</div>', '131052-308T & more'],
    ['<div>131052\u2011308T</div>', '131052-308T'],
    ['<div>13105\u00AD2-308T<!-- 010181-900C --></div>', '131052-308T'],
    ['<div>&unknown; &#9999999;</div>', '&unknown; &#9999999;'],
  ])('%s reads %s', (xhtml, text) => {
    expect(readerText(xhtml)).toBe(text);
  });

  it('finds a code as written (in a comment too) and as read, and leaves test codes alone', () => {
    expect(findRealCodesInXhtml('<div><!-- 131052-308T --></div>')).toEqual(['131052-308T']);
    expect(findRealCodesInXhtml('<div><i>131052</i>&#45;308T</div>')).toEqual(['131052-308T']);
    expect(findRealCodesInXhtml('<div><i>010181</i>&#45;900C, puh 040&#45;1234567</div>')).toEqual([]);
  });
});
