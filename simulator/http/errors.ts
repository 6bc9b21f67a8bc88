/**
 * Errors of the plain JSON APIs (/registry, /events, the archive's JSON routes):
 * `{ "error": { "code", "message", "path" } }`. FHIR answers with OperationOutcome and the archive's
 * submissions with acknowledgements; they have their own modules.
 *
 * An API that gives its default language (the archive: the server's language, Finnish unless
 * KANTASIM_LANG says otherwise) answers in the caller's `Accept-Language`, else in that default, when
 * the code is in the finding catalogue (common/rules, fi/sv/en templates): the English text the raise
 * site wrote is read back into the template's arguments and rendered in that language. The registry's
 * and the event log's errors stay as raised: their generic templates (`no {what} {value}`) would carry
 * English arguments into a Finnish sentence.
 */
import type { ErrorRequestHandler, Request } from 'express';
import { maskText } from '../domain/identity-guard.ts';
import { negotiate, type Lang } from '../../common/i18n/index.ts';
import { localise } from '../../common/rules/messages.ts';
import type { Logger } from '../logger.ts';

export interface ApiErrorBody {
  error: { code: string; message: string; path?: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 500 | 503,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return this.path === undefined
      ? { error: { code: this.code, message: this.message } }
      : { error: { code: this.code, message: this.message, path: this.path } };
  }
}

export const badRequest = (code: string, message: string, path?: string): ApiError =>
  new ApiError(400, code, message, path);
export const notFound = (message: string, path?: string): ApiError =>
  new ApiError(404, 'not-found', message, path);
export const conflict = (code: string, message: string, path?: string): ApiError =>
  new ApiError(409, code, message, path);

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  /** zlib's error code when a declared Content-Encoding does not match the bytes. */
  code?: string;
  encoding?: string;
  /** `entity.not.utf8` (json-body.ts): where the first byte that is not UTF-8 is. */
  offset?: number;
  /** `entity.lone.surrogate` (json-body.ts): the JSON Pointer of the string. */
  pointer?: string;
}

/** zlib error codes: the body is not data of its declared Content-Encoding. */
const DECOMPRESSION_CODE = /^(Z_|ERR__ERROR_|ERR_BROTLI|ERR_ZSTD)/;

/**
 * Turns failures before a route runs into ApiErrors: body-parser's (bad JSON, too large, unsupported
 * charset or Content-Encoding, a body that is not data of its declared Content-Encoding, a body cut
 * short) and the router's (a path segment with malformed percent-encoding). The one place these
 * become 4xx answers; the FHIR and archive routers map the result into their own formats.
 */
export function fromBodyParserError(err: unknown): ApiError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as BodyParserError;
  switch (e.type) {
    case 'entity.parse.failed':
      return badRequest('invalid-json', `request body is not valid JSON: ${e.message ?? 'parse error'}`, '');
    case 'entity.not.utf8':
      return badRequest(
        'invalid-utf8',
        `the body is not UTF-8 (the first byte that is not is at offset ${e.offset ?? '?'}); JSON is exchanged in UTF-8: re-encode it, or name its charset (utf-16 or utf-32) in Content-Type`,
        '',
      );
    case 'entity.lone.surrogate': {
      const at = e.pointer ?? '';
      return badRequest(
        'invalid-text',
        `${at === '' ? 'the body' : at} holds an unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF without its pair), which is not a Unicode character; send the character itself or its complete surrogate pair`,
        at,
      );
    }
    case 'entity.too.large':
      return new ApiError(413, 'too-large', 'request body is larger than the server accepts', '');
    case 'encoding.unsupported':
      return new ApiError(
        415,
        'unsupported-encoding',
        `Content-Encoding '${e.encoding ?? '?'}' is not supported; send the body uncompressed or as gzip, deflate or br`,
        '',
      );
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported-encoding', e.message ?? 'unsupported body encoding', '');
    case 'request.aborted':
    case 'request.size.invalid':
      return badRequest('incomplete-body', 'the request body ended before its declared length', '');
    case undefined:
    default:
      break;
  }
  if (e.code !== undefined && DECOMPRESSION_CODE.test(e.code))
    return badRequest(
      'invalid-encoding',
      'the body is not data of its declared Content-Encoding (gzip, deflate or br); compress it as declared, or send it uncompressed without Content-Encoding',
      '',
    );
  if (err instanceof URIError || /^Failed to decode param/.test(e.message ?? ''))
    return badRequest(
      'invalid-path',
      "the URL path has malformed percent-encoding; write '%' as %25 and other reserved characters as %XX",
      '',
    );
  // Any other error the HTTP layer marked as the client's (http-errors with a 4xx status).
  const status = e.status ?? e.statusCode;
  if (status !== undefined && status >= 400 && status < 500 && e.expose !== false)
    return new ApiError(
      status === 413 || status === 415 || status === 404 || status === 409 || status === 422 ? status : 400,
      'bad-request',
      e.message ?? 'the request could not be read',
      '',
    );
  return undefined;
}

/**
 * The language of a JSON error answer: what `Accept-Language` asks for, else `fallback`; undefined (the
 * message as raised, in English) when the caller names none and the API has no default.
 */
export function answerLanguage(req: Request, fallback?: Lang): Lang | undefined {
  const header = req.get('Accept-Language');
  if (header === undefined || header.trim() === '') return fallback;
  return negotiate(header, fallback ?? 'en');
}

/** A catalogued message in a language (the raised text when the catalogue cannot render it). */
export function localiseMessage(code: string, message: string, lang: Lang | undefined): string {
  return lang === undefined ? message : localise({ code, message }, lang);
}

/**
 * The one place /registry, /events and the archive's JSON errors become HTTP answers. With a
 * `defaultLanguage` (the archive) a catalogued message is in the caller's language, else that default;
 * without one, as raised. Unknown errors are 500 and logged. A real-range identity code in a message
 * (a 404 repeating the URL's code, a refused field) is masked in every mode (`GUARD_CHECKS`): an error
 * answer never needs the code itself.
 */
export function jsonErrorHandler(logger: Logger, defaultLanguage?: Lang): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const api = err instanceof ApiError ? err : fromBodyParserError(err);
    if (api) {
      const body = api.toBody();
      if (defaultLanguage !== undefined)
        body.error.message = localiseMessage(api.code, api.message, answerLanguage(req, defaultLanguage));
      res.status(api.status).json({ error: { ...body.error, message: maskText(body.error.message) } });
      return;
    }
    logger.error({ err }, 'unexpected error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error; see the server log' } });
  };
}
