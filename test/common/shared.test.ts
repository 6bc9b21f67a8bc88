/**
 * What the runner and the simulator share through `common/` exists once and behaves the same on both
 * sides: the XPath prefix table (a scenario's `xpath:` check and the viewer's compare field read the
 * same value), the reading of ajv errors (the registry, `/runs` and the FHIR structure layer word the
 * same problem from one description), and the run-result wire format (what the runner writes is what
 * `POST /runs` accepts). A scan keeps new copies from appearing outside `common/`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { RUN_WIRE_SCHEMA, RUN_WIRE_VERSION } from '../../common/run-wire.ts';
import {
  describeBodyError,
  mostSpecific,
  pointerOf,
  pointerSegments,
  schemaProblem,
} from '../../common/schema-errors.ts';
import { XPATH_NAMESPACES } from '../../common/xml-namespaces.ts';
import { select } from '../../runner/selectors.ts';
import type { RunResult } from '../../runner/types.ts';
import { checkStructure } from '../../simulator/fhir/validation/structure.ts';
import { readRunWire } from '../../simulator/runs/format.ts';
import { evaluateXPath, parseForXPath } from '../../simulator/viewer/xpath-value.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = join(dir, entry.name);
    if (entry.isDirectory()) return sources(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}
const SOURCES = ['runner', 'simulator', 'cli'].flatMap(sources);

const CDA = `<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:hl7fi="urn:hl7finland">
  <title>Käynti</title><hl7fi:localHeader><hl7fi:typeCode code="1"/></hl7fi:localHeader>
</ClinicalDocument>`;

describe('one XPath namespace table', () => {
  it('gives the runner and the viewer the same value for every prefix', () => {
    const parsed = parseForXPath(CDA);
    if (!parsed.ok) throw new Error(parsed.problem);
    for (const expression of [
      'string(/hl7:ClinicalDocument/hl7:title)',
      'string(/cda:ClinicalDocument/v3:title)',
      'string(//hl7fi:typeCode/@code)',
    ]) {
      const viewer = evaluateXPath(parsed.doc, expression);
      expect(viewer.ok && viewer.value, expression).toBe(select(CDA, { xpath: expression })[0]);
    }
    expect(Object.keys(XPATH_NAMESPACES).sort()).toEqual(['cda', 'hl7', 'hl7fi', 'v3', 'xsi']);
  });

  it('is defined nowhere else', () => {
    const copies = SOURCES.filter((f) =>
      /['"]urn:hl7finland['"]|['"]urn:hl7-org:v3['"]\s*[,}]/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(copies, 'namespace literals outside common/xml-namespaces.ts').toEqual([]);
  });
});

describe('one reading of ajv errors', () => {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
  const validate = ajv.compile({
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: { type: 'string' }, 'a/b': { type: 'object', properties: { c: { enum: ['x'] } } } },
  });

  it('decodes pointers with escapes and array indexes, and back', () => {
    expect(pointerSegments('/a~1b/0/c~0d')).toEqual(['a/b', 0, 'c~d']);
    expect(pointerOf(['a/b', 0, 'c~d'])).toBe('/a~1b/0/c~0d');
    expect(pointerSegments('')).toEqual([]);
  });

  it('describes each problem once for every layer', () => {
    validate({ extra: 1, 'a/b': { c: 'y' } });
    const problems = mostSpecific(validate.errors ?? []).map(schemaProblem);
    expect(problems.map((p) => [p.kind, p.target])).toEqual(
      expect.arrayContaining([
        ['required', ['name']],
        ['unknown-field', ['extra']],
        ['enum', ['a/b', 'c']],
      ]),
    );
    const unknown = problems.find((p) => p.kind === 'unknown-field');
    expect(unknown?.knownFields).toEqual(['name', 'a/b']);
  });

  it('words a JSON API body error with the field pointer', () => {
    validate({ name: 3 });
    const first = validate.errors?.[0];
    if (!first) throw new Error('expected an error');
    expect(describeBodyError(first)).toEqual({ path: '/name', message: "'name' must be of type string" });
    validate({});
    const missing = validate.errors?.[0];
    if (!missing) throw new Error('expected an error');
    expect(describeBodyError(missing)).toEqual({
      path: '/name',
      message: "the body is missing the required field 'name'",
    });
  });

  it('gives the FHIR structure layer the same field', () => {
    const findings = checkStructure({ resourceType: 'Patient', nickname: 'x' });
    expect(findings[0]).toMatchObject({ code: 'FHIR-STRUCT-001', path: 'Patient.nickname' });
  });

  it('is read nowhere else', () => {
    const copies = SOURCES.filter((f) =>
      /case 'additionalProperties'|params\.missingProperty/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(copies, 'ajv errors taken apart outside common/schema-errors.ts').toEqual([]);
  });
});

describe('one run-result wire format', () => {
  const run: RunResult = {
    tool: 'kantasim',
    formatVersion: RUN_WIRE_VERSION,
    simulator: 'http://127.0.0.1:8080',
    level: 'shall',
    manual: false,
    startedAt: '2026-10-01T10:00:00.000Z',
    finishedAt: '2026-10-01T10:00:01.000Z',
    durationMs: 1000,
    passed: true,
    totals: { pass: 1, fail: 0, error: 0, skip: 0 },
    scenarios: [
      {
        id: 'book',
        title: 'Book',
        description: '',
        service: 'pta-appointment',
        file: 'book.yaml',
        verdict: 'pass',
        startedAt: '2026-10-01T10:00:00.000Z',
        durationMs: 1000,
        testPersons: [{ hetu: '010181-900C', variable: 'patient' }],
        steps: [
          {
            id: 's1',
            title: 'Step',
            verdict: 'pass',
            startedAt: '2026-10-01T10:00:00.000Z',
            durationMs: 10,
            checks: [
              { id: 'c1', title: 'Check', kind: 'check', level: 'shall', verdict: 'pass', evidence: [] },
            ],
          },
        ],
      },
    ],
  };

  it('accepts what the runner writes', () => {
    expect(readRunWire(JSON.parse(JSON.stringify(run)))).toMatchObject({ scenarios: [{ id: 'book' }] });
  });

  it('refuses a run of another format version with the field path', () => {
    expect(() => readRunWire({ ...run, formatVersion: 2 })).toThrow(/formatVersion/);
    expect(RUN_WIRE_SCHEMA.properties.formatVersion).toEqual({ const: RUN_WIRE_VERSION });
  });

  it('is declared nowhere else', () => {
    const copies = SOURCES.filter((f) => /formatVersion: 1;/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(copies, 'run-result types outside common/run-wire.ts').toEqual([]);
  });
});
