/**
 * `POST [base]/[type]/$validate`: runs every validation layer and stores nothing. The body is the
 * resource, or a Parameters resource with `resource` (and optionally `profile`).
 *
 * Which layers apply: JSON, structure, invariants, Finnish Scheduling (Appointment, HealthcareService),
 * identity codes; the Kanta layer when the resource claims a Kanta profile in `meta.profile` or the
 * `profile` parameter names one. Answers 200 with the findings (FHIR's convention for $validate).
 *
 * See: https://hl7.org/fhir/R4/resource-operation-validate.html
 */
import type { OperationDefinition, Provenance } from 'fhir/r4.js';
import type { Finding } from '../../domain/findings.ts';
import type { Handler } from '../context.ts';
import { allOk, badRequest } from '../outcomes.ts';
import { isSupportedType } from '../search-params.ts';
import { validateResource } from '../validation/index.ts';
import {
  KANTA_APPOINTMENT_PROFILE,
  KANTA_NULLIFICATION_PROFILE,
  KANTA_PROVENANCE_PROFILE,
  serviceOrganiserOid,
} from '../validation/kanta-profiles.ts';
import { checkServiceOrganiser } from '../validation/registry-rules.ts';
import { recordEvent } from '../write.ts';
import { summarise } from '../../../common/i18n/event-summary.ts';

/** The operation's contract, declared beside its code (listed in the CapabilityStatement). */
export const VALIDATE_OPERATION: OperationDefinition = {
  resourceType: 'OperationDefinition',
  id: 'Resource-validate',
  url: 'http://hl7.org/fhir/OperationDefinition/Resource-validate',
  name: 'Validate',
  status: 'active',
  kind: 'operation',
  code: 'validate',
  resource: ['Resource'],
  system: false,
  type: true,
  instance: false,
  parameter: [
    { name: 'resource', use: 'in', min: 0, max: '1', type: 'Resource' },
    { name: 'profile', use: 'in', min: 0, max: '1', type: 'uri' },
    { name: 'return', use: 'out', min: 1, max: '1', type: 'OperationOutcome' },
  ],
};

function unwrap(body: unknown): { resource: unknown; profile?: string } {
  if (
    body === null ||
    typeof body !== 'object' ||
    (body as Record<string, unknown>).resourceType !== 'Parameters'
  ) {
    return { resource: body };
  }
  const params = (body as { parameter?: unknown }).parameter;
  const list = Array.isArray(params) ? (params as Record<string, unknown>[]) : [];
  const resource = list.find((p) => p.name === 'resource')?.resource;
  const profile = list.find((p) => p.name === 'profile')?.valueUri;
  return typeof profile === 'string' ? { resource, profile } : { resource };
}

export const validateOperation: Handler = async (req, ctx) => {
  const type = req.path.type ?? '';
  const { resource, profile } = unwrap(req.body);
  if (resource === undefined) {
    return [
      badRequest(
        'FHIR-VALIDATE-001',
        "give the resource as the body, or as the 'resource' parameter of a Parameters body",
        '',
      ),
    ];
  }
  const claimed = profile !== undefined ? [profile] : [];
  const obj = resource !== null && typeof resource === 'object' ? (resource as Record<string, unknown>) : {};
  const meta = obj.meta as { profile?: unknown } | undefined;
  if (Array.isArray(meta?.profile))
    claimed.push(...meta.profile.filter((p): p is string => typeof p === 'string'));
  const kantaProvenance =
    type === 'Provenance' &&
    claimed.some((p) => p === KANTA_PROVENANCE_PROFILE || p === KANTA_NULLIFICATION_PROFILE);
  const targets: unknown = obj.target;
  const result = validateResource(resource, {
    expectedType: type,
    supported: isSupportedType,
    kanta: type === 'Appointment' && claimed.includes(KANTA_APPOINTMENT_PROFILE) ? true : 'auto',
    allowRealIdentities: ctx.config.allowRealIdentities,
    ...(kantaProvenance && {
      provenance: {
        // Alone, the Provenance has no transaction: its own Appointment target stands in for it.
        appointmentRefs: (Array.isArray(targets) ? targets : [])
          .map((t) =>
            t !== null &&
            typeof t === 'object' &&
            typeof (t as { reference?: unknown }).reference === 'string'
              ? (t as { reference: string }).reference.replace(/\/_history\/[^/]+$/, '')
              : '',
          )
          .filter((r) => r.startsWith('Appointment/')),
        nullification: claimed.includes(KANTA_NULLIFICATION_PROFILE),
        now: ctx.now(),
      },
    }),
  });
  const findings: Finding[] = [...result.findings];
  if (kantaProvenance && result.refuseWith !== 400 && result.resource) {
    const oid = serviceOrganiserOid(result.resource as unknown as Provenance);
    if (oid !== undefined)
      findings.push(
        ...(await checkServiceOrganiser(ctx.store.registry, oid, 'Provenance.agent.who.identifier.value')),
      );
  }
  await recordEvent(ctx, req, {
    kind: `${type === 'Appointment' ? 'appointment' : 'resource'}.validate`,
    outcome: 'info',
    resourceIds: [],
    findings,
    ...summarise('fhir.validated', {
      type,
      errors: findings.filter((f) => f.severity === 'error' || f.severity === 'fatal').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    }),
    status: 200,
  });
  return [allOk(findings)];
};
