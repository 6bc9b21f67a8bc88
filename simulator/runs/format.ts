/**
 * Reading a posted run (`POST /runs`): the body checked against the run-result wire format
 * (`common/run-wire.ts`, the one definition the runner writes and the simulator reads) with ajv, and
 * the per-scenario counts the run lists show.
 */
import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import type formatsModule from 'ajv-formats';
import {
  RUN_WIRE_SCHEMA,
  type RunVerdict,
  type RunWire,
  type RunWireScenario,
} from '../../common/run-wire.ts';
import { describeBodyError } from '../../common/schema-errors.ts';
import { badRequest, type ApiError } from '../http/errors.ts';

// ajv and ajv-formats (CommonJS) are loaded with the first check, not when the server starts.
const require = createRequire(import.meta.url);
function loadAjv(): { Ajv: typeof AjvModule.Ajv; addFormats: typeof formatsModule.default } {
  return {
    Ajv: (require('ajv') as typeof AjvModule).Ajv,
    addFormats: (require('ajv-formats') as typeof formatsModule).default,
  };
}

/** The wire format's checker, compiled on the first posted run (starting the simulator compiles none). */
let compiled: ValidateFunction<RunWire> | undefined;
function wireChecker(): ValidateFunction<RunWire> {
  if (compiled === undefined) {
    const { Ajv, addFormats } = loadAjv();
    const ajv = new Ajv({ allErrors: false, strict: true, coerceTypes: false });
    addFormats(ajv, ['date-time']);
    compiled = ajv.compile<RunWire>(RUN_WIRE_SCHEMA);
  }
  return compiled;
}

/** The body as a run in the wire format, or a 400 ApiError naming the first offending field. */
export function readRunWire(body: unknown): RunWire {
  const validate = wireChecker();
  if (validate(body)) return body;
  const first = validate.errors?.[0];
  const { path, message } =
    first === undefined ? { path: '', message: 'request body is invalid' } : describeBodyError(first);
  const error: ApiError = badRequest('invalid-body', message, path);
  throw error;
}

/** Checks by verdict over a scenario's steps. */
export function countChecks(scenario: RunWireScenario): Record<RunVerdict, number> {
  const counts: Record<RunVerdict, number> = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const step of scenario.steps) for (const check of step.checks) counts[check.verdict] += 1;
  return counts;
}
