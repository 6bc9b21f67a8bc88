import { describe, expect, it } from 'vitest';
import { firstNonUtf8Byte, loneSurrogateAt } from './json-body.ts';

describe('firstNonUtf8Byte', () => {
  const bytes = (...parts: (string | number[])[]): Buffer =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

  it('finds the first byte that is not UTF-8, counting the bytes of what comes before', () => {
    // 'ä' is two bytes, '€' three, '😀' four: the Latin-1 'ö' (0xF6) after them is at 2+3+4+2 = 11.
    expect(firstNonUtf8Byte(bytes('ä€😀{"', [0xf6], '"}'))).toBe(11);
    // A lone continuation byte, a sequence cut short, an overlong form.
    expect(firstNonUtf8Byte(bytes('ab', [0x80], 'c'))).toBe(2);
    expect(firstNonUtf8Byte(bytes('x', [0xe2, 0x82], 'y'))).toBe(1);
    expect(firstNonUtf8Byte(bytes([0xc0, 0xaf]))).toBe(0);
    expect(firstNonUtf8Byte(bytes('abc', [0xff]))).toBe(3);
  });

  it('passes over a U+FFFD the sender really wrote', () => {
    expect(firstNonUtf8Byte(bytes('a\uFFFDb', [0xe4]))).toBe(5);
  });
});

describe('loneSurrogateAt', () => {
  it('names the first string or key with a lone surrogate as a JSON Pointer', () => {
    expect(loneSurrogateAt(JSON.parse('{"a":[1,"ok","x\\ud800"]}'))).toBe('/a/2');
    expect(loneSurrogateAt(JSON.parse('{"a/b":{"c\\udc00":1}}'))).toBe('/a~1b/c\udc00');
    expect(loneSurrogateAt('\ud800')).toBe('');
  });

  it('accepts paired surrogates and text without any', () => {
    expect(
      loneSurrogateAt(JSON.parse('{"a":"\\ud83d\\ude00 😀","b":[null,true,{"c":"ä"}]}')),
    ).toBeUndefined();
  });
});
