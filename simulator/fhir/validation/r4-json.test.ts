/** The body-text JSON rules: duplicate keys, empty strings, strings over 1 MB, with their paths. */
import { describe, expect, it } from 'vitest';
import { checkJsonText, MAX_STRING_BYTES } from './r4-json.ts';

const found = (text: string, root = 'Bundle'): [string, string][] =>
  checkJsonText(text, root).map((f) => [f.code, f.path]);

describe('FHIR JSON rules on the body text', () => {
  it('finds a duplicate key with its path, also inside arrays and escaped keys', () => {
    expect(
      found('{"resourceType":"Appointment","status":"booked","status":"cancelled"}', 'Appointment'),
    ).toEqual([['R4-JSON-001', 'Appointment.status']]);
    expect(
      found(
        '{"resourceType":"Bundle","entry":[{"fullUrl":"a"},{"fullUrl":"b","resource":{"id":"x","i\\u0064":"y"}}]}',
      ),
    ).toEqual([['R4-JSON-001', 'Bundle.entry[1].resource.id']]);
  });

  it('does not mistake values, nested objects or strings with quotes for keys', () => {
    expect(
      found('{"a":"a","b":{"a":"x \\" \\\\","c":["a","a",{"a":1}]},"c":[[],{}],"d":"{\\"a\\":1,\\"a\\":2}"}'),
    ).toEqual([]);
  });

  it('finds an empty fullUrl and other empty strings', () => {
    const f = checkJsonText(
      '{"resourceType":"Bundle","entry":[{"fullUrl":"","resource":{"id":"x"}}],"id":""}',
      'Bundle',
    );
    expect(f.map((x) => [x.code, x.path])).toEqual([
      ['R4-JSON-004', 'Bundle.entry[0].fullUrl'],
      ['R4-JSON-004', 'Bundle.id'],
    ]);
    expect(f[0]?.message).toContain('fullUrl');
  });

  it('finds a string over 1 MB (UTF-8 bytes) and accepts one at the limit', () => {
    expect(found(JSON.stringify({ data: 'a'.repeat(MAX_STRING_BYTES) }))).toEqual([]);
    expect(found(JSON.stringify({ data: 'a'.repeat(MAX_STRING_BYTES + 1) }))).toEqual([
      ['R4-JSON-005', 'Bundle.data'],
    ]);
    expect(found(JSON.stringify({ data: 'ä'.repeat(MAX_STRING_BYTES / 2 + 1) }))).toEqual([
      ['R4-JSON-005', 'Bundle.data'],
    ]);
  });
});
