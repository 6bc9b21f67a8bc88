/**
 * The body parser of the plain JSON APIs (/registry, /runs, the archive's nullification): JSON as
 * RFC 8259 defines it for exchange, which body-parser alone does not enforce. Its UTF-8 decoding turns
 * bytes that are not UTF-8 into U+FFFD, and JSON.parse accepts `\uD800` escapes without their pair;
 * either would store text its sender never wrote (a name with a replacement character, a string no
 * Unicode encoder can write out). Both are refused with a 400 that says where.
 *
 * See: IETF RFC 8259 (JSON), section 8.1 Character Encoding and 8.2 Unicode Characters,
 * https://www.rfc-editor.org/rfc/rfc8259#section-8
 */
import { isUtf8 } from 'node:buffer';
import express from 'express';

const JSON_TYPES = ['application/json', 'application/*+json'];
/** A lone surrogate: with the `u` flag a paired one is a single code point and does not match. */
const LONE_SURROGATE = /\p{Cs}/u;

/** body-parser's error for a body that is not UTF-8 (mapped to a 400 by `fromBodyParserError`). */
export interface NotUtf8Error extends Error {
  type: 'entity.not.utf8';
  /** Byte offset of the first byte that is not UTF-8. */
  offset: number;
}

/** A string or key of the body holds a lone surrogate (mapped to a 400 by `fromBodyParserError`). */
export interface LoneSurrogateError extends Error {
  type: 'entity.lone.surrogate';
  /** JSON Pointer of the string, or of the member whose key it is. */
  pointer: string;
}

/** Byte offset of the first byte of `bytes` that is not UTF-8 (only called when `isUtf8` said no). */
export function firstNonUtf8Byte(bytes: Buffer): number {
  const text = bytes.toString('utf8');
  let byteAt = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (
      unit === 0xfffd &&
      !(bytes[byteAt] === 0xef && bytes[byteAt + 1] === 0xbf && bytes[byteAt + 2] === 0xbd)
    )
      return byteAt;
    if (unit < 0x80) byteAt += 1;
    else if (unit < 0x800) byteAt += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      // A pair from one 4-byte sequence (the decoder never yields lone surrogates).
      byteAt += 4;
      i++;
    } else byteAt += 3;
  }
  return bytes.length;
}

/** JSON Pointer (RFC 6901) of a member: `/` before it, `~` and `/` in it escaped. */
const pointer = (parent: string, key: string | number): string =>
  `${parent}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;

/**
 * Where the first string or key holding a lone surrogate is, as a JSON Pointer (`''` the body itself,
 * `/a/2/b`; a key's own pointer when the key is the string), if anywhere.
 */
export function loneSurrogateAt(value: unknown, at = ''): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? at : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = loneSurrogateAt(value[i], pointer(at, i));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const found = LONE_SURROGATE.test(key) ? pointer(at, key) : loneSurrogateAt(v, pointer(at, key));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Connect-style middleware, as `express.json` returns (it does not narrow a route's parameters). */
type Middleware = ReturnType<typeof express.json>;

/** `express.json` with UTF-8 bodies only and no lone surrogates, for `limit` bytes at most. */
export function jsonBody(limit: string | number): [Middleware, Middleware] {
  const parse = express.json({
    limit,
    type: JSON_TYPES,
    verify: (_req, _res, buf, encoding) => {
      // body-parser decodes the charset the request names (UTF-8 unless it says UTF-16 or UTF-32).
      if (encoding.toLowerCase().replace('-', '') !== 'utf8' || isUtf8(buf)) return;
      const err = new Error('the body is not UTF-8') as NotUtf8Error;
      err.type = 'entity.not.utf8';
      err.offset = firstNonUtf8Byte(buf);
      throw err;
    },
  });
  // Raised as a body-reading error, as body-parser's own are: routes that record refused bodies see it.
  const wellFormed: Middleware = (req, _res, next) => {
    const body = (req as { body?: unknown }).body;
    const at = body === undefined ? undefined : loneSurrogateAt(body);
    if (at === undefined) {
      next();
      return;
    }
    const err = new Error('the body holds a lone surrogate') as LoneSurrogateError;
    err.type = 'entity.lone.surrogate';
    err.pointer = at;
    next(err);
  };
  return [parse, wellFormed];
}
