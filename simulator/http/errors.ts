/**
 * Errors of the plain JSON APIs (/registry, /events): `{ "error": { "code", "message", "path" } }`.
 * FHIR answers with OperationOutcome and the archive with acknowledgements; they have their own modules.
 */
import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger.ts';

export interface ApiErrorBody {
  error: { code: string; message: string; path?: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413 | 415 | 422 | 500 | 503,
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
  message?: string;
}

/** Turns body-parser failures (bad JSON, too large, bad charset) into ApiErrors. */
export function fromBodyParserError(err: unknown): ApiError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as BodyParserError;
  switch (e.type) {
    case 'entity.parse.failed':
      return badRequest('invalid-json', `request body is not valid JSON: ${e.message ?? 'parse error'}`, '');
    case 'entity.too.large':
      return new ApiError(413, 'too-large', 'request body is larger than the server accepts', '');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ApiError(415, 'unsupported-encoding', e.message ?? 'unsupported body encoding', '');
    case undefined:
    default:
      return undefined;
  }
}

/** The one place /registry and /events errors become HTTP answers. Unknown errors are 500 and logged. */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const api = err instanceof ApiError ? err : fromBodyParserError(err);
    if (api) {
      res.status(api.status).json(api.toBody());
      return;
    }
    logger.error({ err }, 'unexpected error');
    res.status(500).json({ error: { code: 'internal', message: 'internal error; see the server log' } });
  };
}
