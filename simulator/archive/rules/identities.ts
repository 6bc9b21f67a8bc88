/**
 * Identity rules (CDA-ID-001…006): every personal identity code anywhere in the document must be a
 * checksum-valid test-range code (900–999) unless the operator allows real identities; the patient may
 * instead carry a temporary ID, accepted without checksum and flagged.
 *
 * Where identity codes sit: any element with `@root="1.2.246.21"` (`@extension` is the code), e.g.
 * patientRole/id, assignedAuthor/id; and any coded element with `@codeSystem="1.2.246.21"` (`@code` is
 * the code), e.g. the section-level relatedSubject/code. Facts: domain.md §1 and §6.
 */
import { error, guarded, isBlocking, warning, type Finding } from '../../domain/findings.ts';
import { HETU_OID, validateTestHetu } from '../../domain/hetu.ts';
import type { CdaHeader } from '../../domain/cda.ts';
import type { XmlNode } from '../xml.ts';

const PATIENT_ID = '/ClinicalDocument/recordTarget/patientRole/id';

function check(
  code: string,
  value: string | undefined,
  path: string,
  who: string,
  allowReal: boolean,
  f: Finding[],
): void {
  if (value === undefined || value === '') {
    f.push(error('CDA-ID-001', path, `${who}: the identity code is empty; give the 11-character code`));
    return;
  }
  const result = validateTestHetu(value, { allowReal });
  if (result.ok) {
    if (result.hetu.range === 'person')
      f.push(
        warning(
          'CDA-ID-006',
          path,
          `${who}: identity code ${value} is in the real-person range and was accepted only because the operator turned on allowRealIdentities; use Kela-issued test codes`,
        ),
      );
    return;
  }
  const real = result.problem.reason === 'real-person-range';
  f.push(
    error(
      real ? 'CDA-ID-002' : code,
      path,
      real
        ? `${who}: identity code ${value} is in the real-person range; ${result.problem.message}. Use a Kela-issued test code`
        : `${who}: identity code '${value}' is not valid (${result.problem.message}); give a checksum-valid test code`,
    ),
  );
}

/** Checks the patient identifier and every other identity code in the document. */
export function checkIdentities(root: XmlNode, header: CdaHeader, allowReal: boolean): Finding[] {
  const f: Finding[] = [];
  const patient = header.patient;
  if (patient) {
    switch (patient.idKind) {
      case 'hetu':
        break; // checked with everything else in the walk below
      case 'temporary':
        if (patient.id.extension === undefined || patient.id.extension === '')
          f.push(
            error(
              'CDA-ID-001',
              `${PATIENT_ID}/@extension`,
              'the temporary ID has no value; give it in @extension',
            ),
          );
        else
          f.push({
            code: 'CDA-ID-005',
            severity: 'information',
            path: PATIENT_ID,
            message: `the patient has a temporary ID (${patient.id.root}); it is accepted without checksum and shown as temporary`,
          });
        break;
      case 'other':
        f.push(
          error(
            'CDA-ID-003',
            `${PATIENT_ID}/@root`,
            `patient id root ${patient.id.root} is neither the identity code (1.2.246.21) nor a temporary-ID root (1.2.246.10.<org>.22.<year>); use one of them`,
          ),
        );
        break;
    }
  }
  walk(root, '/ClinicalDocument', allowReal, f);
  // Every blocking identity finding is the identity guard's: rehearsal never stores past it.
  return f.map((x) => (isBlocking(x) ? guarded(x) : x));
}

function walk(node: XmlNode, here: string, allowReal: boolean, f: Finding[]): void {
  if (node.attrs.root === HETU_OID) {
    const who = here === PATIENT_ID ? 'patient' : `person at ${here}`;
    check(
      here === PATIENT_ID ? 'CDA-ID-001' : 'CDA-ID-004',
      node.attrs.extension,
      `${here}/@extension`,
      who,
      allowReal,
      f,
    );
  }
  if (node.attrs.codeSystem === HETU_OID)
    check('CDA-ID-004', node.attrs.code, `${here}/@code`, `person at ${here}`, allowReal, f);
  const counts = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const c of node.children) totals.set(c.name, (totals.get(c.name) ?? 0) + 1);
  for (const child of node.children) {
    const n = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, n);
    const prefix = child.ns === 'urn:hl7finland' ? 'hl7fi:' : '';
    const step =
      (totals.get(child.name) ?? 0) > 1 ? `${prefix}${child.name}[${n}]` : `${prefix}${child.name}`;
    walk(child, `${here}/${step}`, allowReal, f);
  }
}
