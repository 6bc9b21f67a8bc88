/**
 * The Kanta appointment service: what a Kanta appointment transaction means, apart from HTTP and Bundle
 * wording. Given the operation the handler parsed (store, replace or nullify) and the Bundle's entries,
 * it validates the Appointment and its Provenance, asks the registry about the service organiser, checks
 * the version chain and the patient, lets the submission policy decide (strict, rehearsal, identity
 * guard), and writes the appointment, its Provenance and the event in one store transaction, or refuses
 * and records the refusal.
 *
 * The three operations (Kanta appointment API, Potilastiedon arkisto – Ajanvaraus):
 * - store:   `POST Appointment` + `POST Provenance` (the Provenance targets the Appointment's fullUrl)
 * - replace: `PUT Appointment/{id}` + `POST Provenance`, with the version it changes in
 *            `request.ifMatch` (mandatory: Kanta's CapabilityStatement requires If-Match for the
 *            Appointment update interaction; the handler refuses a replace without it, KANTA-TX-003)
 * - nullify: `POST Provenance` + `DELETE Appointment/{id}` (the appointment leaves searches; its
 *            versions and every Provenance remain)
 *
 * See: https://www.kanta.fi/en/system-developers
 * See: https://pta.kanta.fi/appointment/R4/capabilitystatement
 */
import type { Appointment, BundleEntry, Provenance } from 'fhir/r4.js';
import { warning, type Finding } from '../../domain/findings.ts';
import { decide } from '../../domain/policy.ts';
import type { StoredResource } from '../../domain/fhir.ts';
import type { StoreSession } from '../../store/types.ts';
import { VersionConflictError } from '../../store/fhir-types.ts';
import { appointmentIndex, participantOrganisationOids, patientOf } from '../appointment-index.ts';
import type { FhirContext, FhirRequest } from '../context.ts';
import {
  badRequestFindings,
  FhirError,
  gone,
  notFound,
  preconditionFailed,
  statusOf,
  unprocessable,
  type Outcome,
} from '../outcomes.ts';
import { extractIndex } from '../search-params.ts';
import { checkPatientUnchanged, serviceOrganiserAgent } from '../validation/kanta-profiles.ts';
import { checkServiceOrganiser } from '../validation/registry-rules.ts';
import { newId, prepare, recordEvent, versionRef } from '../write.ts';
import { defaultWorkers } from '../../workers/pool.ts';
import { validateTransaction, type Validated } from './validation.ts';
import { summarise } from '../../../common/i18n/event-summary.ts';

/** Public source of the Kanta appointment rules, for findings. */
export const KANTA_APPOINTMENT_SOURCE =
  'Kanta appointment API (Potilastiedon arkisto – Ajanvaraus), https://www.kanta.fi/en/system-developers';

/** Which of the three Kanta operations a transaction is, and where its entries are in the Bundle. */
export type KantaOperation =
  | { op: 'store'; appointment: number; provenance: number }
  | { op: 'replace'; appointment: number; provenance: number; id: string; ifMatch: number }
  | { op: 'nullify'; provenance: number; deleteEntry: number; id: string; ifMatch?: number };

/** What the service did: the stored versions and the findings as the answer carries them. */
export type AppointmentResult =
  | { ok: false; outcome: Outcome }
  | {
      ok: true;
      operation: KantaOperation;
      /** Stored although invalid (rehearsal): tagged so, findings answered as warnings. */
      invalid: boolean;
      answered: Finding[];
      provenance: StoredResource;
      /** The stored appointment version (store, replace). */
      appointment?: StoredResource;
      /** The deletion marker of a nullified appointment. */
      nullified?: StoredResource;
    };

/** Kanta transactions under way in this process (validation is shared with workers only under load). */
let underWay = 0;

/** Carries out a Kanta appointment operation the handler parsed; refusals are recorded as events. */
export async function submitAppointment(
  ctx: FhirContext,
  req: FhirRequest,
  entries: BundleEntry[],
  operation: KantaOperation,
): Promise<AppointmentResult> {
  underWay++;
  try {
    return await carryOut(ctx, req, entries, operation, underWay > 1);
  } finally {
    underWay--;
  }
}

/** `concurrent`: other transactions are under way (validation may then start a worker, see `validateTransaction`). */
async function carryOut(
  ctx: FhirContext,
  req: FhirRequest,
  entries: BundleEntry[],
  operation: KantaOperation,
  concurrent: boolean,
): Promise<AppointmentResult> {
  const kind = `appointment.${operation.op}` as const;
  const v = await validateTransaction(
    entries,
    operation,
    { allowRealIdentities: ctx.config.allowRealIdentities, now: ctx.now() },
    {
      text: req.bodyText,
      workers: ctx.config.workers ?? defaultWorkers('validation'),
      concurrent,
    },
  );
  const findings = v.findings;
  let patient = v.patient;

  const refuse = async (outcome: Outcome): Promise<AppointmentResult> => {
    await recordEvent(ctx, req, {
      service: 'pta-appointment',
      kind,
      outcome: 'refused',
      resourceIds: operation.op === 'store' ? [] : [`Appointment/${operation.id}`],
      findings: outcome.findings,
      ...summarise('kanta.refused', {
        op: operation.op,
        errors: outcome.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal').length,
      }),
      status: statusOf(outcome),
      ...(v.organiser !== undefined && { organisation: v.organiser }),
      ...(patient !== undefined && { patient }),
    });
    return { ok: false, outcome };
  };

  try {
    return await ctx.store.transaction(async (tx): Promise<AppointmentResult> => {
      // A second store of a booking identifier that is already live is most likely a replace sent as a
      // store [kantasim: Kanta's uniqueness rule is not public, so this is a warning].
      if (operation.op === 'store' && v.appointment && v.appointmentReadable) {
        findings.push(...(await duplicateIdentifiers(tx, v.appointment, operation.appointment)));
      }
      // Registry layer: the service organiser (needs the registry, so it runs in the transaction).
      if (v.organiser !== undefined && v.provenance) {
        const at = serviceOrganiserAgent(v.provenance);
        findings.push(
          ...(await checkServiceOrganiser(
            tx.registry,
            v.organiser,
            `Bundle.entry[${operation.provenance}].resource.agent[${at?.index ?? 0}].who.identifier.value`,
          )),
        );
      }
      let current: StoredResource | undefined;
      if (operation.op !== 'store') {
        current = await currentVersion(tx, operation);
        patient ??= patientOf(current.resource as Appointment);
        if (operation.op === 'replace' && v.appointment && v.appointmentReadable) {
          findings.push(
            ...checkPatientUnchanged(
              current.resource as Appointment,
              v.appointment,
              `Bundle.entry[${operation.appointment}].resource.participant`,
            ),
          );
        }
      }
      // Structure-layer refusals (400) and unstorable input are refused in every mode; the rest is the
      // submission policy's decision, shared with the archive.
      const decision = decide(findings, req.mode, { storable: v.refuseWith !== 400 && v.storable });
      if (!decision.store) {
        throw new FhirError(v.refuseWith === 400 ? badRequestFindings(findings) : unprocessable(findings));
      }
      const invalid = !decision.valid;
      const written = await write(tx, operation, v, current, invalid);
      await recordEvent(
        ctx,
        req,
        {
          service: 'pta-appointment',
          kind,
          outcome: findings.length > 0 ? 'accepted-with-warnings' : 'accepted',
          resourceIds: written.resourceIds,
          findings: decision.answered,
          ...summarise('kanta.done', {
            op: operation.op,
            id: written.appointment?.id ?? (operation.op === 'nullify' ? operation.id : ''),
            invalid: invalid ? 'yes' : 'no',
          }),
          status: 200,
          invalidStored: invalid,
          ...(v.organiser !== undefined && { organisation: v.organiser }),
          ...(patient !== undefined && { patient }),
        },
        tx,
      );
      return {
        ok: true,
        operation,
        invalid,
        answered: decision.answered,
        provenance: written.provenance,
        ...(written.appointment && { appointment: written.appointment }),
        ...(written.nullified && { nullified: written.nullified }),
      };
    });
  } catch (err) {
    if (err instanceof FhirError) return refuse(err.outcome);
    if (err instanceof VersionConflictError) {
      return refuse(
        preconditionFailed(
          'KANTA-TX-002',
          `request.ifMatch says version ${err.expected} but Appointment/${err.id} is at version ${err.current ?? 'none'}; read it again and resend`,
        ),
      );
    }
    throw err;
  }
}

/** The live version a replace or nullify acts on: it must exist, not be nullified, and match If-Match. */
async function currentVersion(
  tx: StoreSession,
  operation: Extract<KantaOperation, { id: string }>,
): Promise<StoredResource> {
  const current = await tx.fhir.read('Appointment', operation.id);
  if (!current)
    throw new FhirError(
      notFound(
        `Appointment/${operation.id} does not exist; store it first (POST Appointment in the transaction)`,
      ),
    );
  if (current.deleted)
    throw new FhirError(
      gone(
        `Appointment/${operation.id} has been nullified; a nullified appointment cannot be ${operation.op === 'nullify' ? 'nullified again' : 'replaced'}`,
      ),
    );
  if (operation.ifMatch !== undefined && operation.ifMatch !== current.versionId)
    throw new VersionConflictError('Appointment', operation.id, operation.ifMatch, current.versionId);
  return current;
}

/** Writes the operation's resources in the open transaction. */
async function write(
  tx: StoreSession,
  operation: KantaOperation,
  v: Validated,
  current: StoredResource | undefined,
  invalid: boolean,
): Promise<{
  provenance: StoredResource;
  appointment?: StoredResource;
  nullified?: StoredResource;
  resourceIds: string[];
}> {
  if (operation.op === 'nullify') {
    const marker = await tx.fhir.delete('Appointment', operation.id);
    if (!marker) throw new FhirError(gone(`Appointment/${operation.id} has been nullified already`));
    // The nullification Provenance targets the version it nullifies.
    const prov = prepare(
      {
        ...(v.provenance as Provenance),
        target: [{ reference: `Appointment/${operation.id}/_history/${current?.versionId ?? 1}` }],
      },
      newId(),
      invalid,
    );
    const provenance = await tx.fhir.create(prov, { index: extractIndex(prov) });
    return { provenance, nullified: marker, resourceIds: [versionRef(marker), versionRef(provenance)] };
  }
  // The version the appointment will get is known before writing: 1 for a store, current + 1 for a
  // replace (the store transaction is exclusive), so the Provenance can target it and the appointment
  // can be indexed with the Provenance's rows in one write.
  const id = operation.op === 'replace' ? operation.id : newId();
  const version = operation.op === 'replace' ? (current?.versionId ?? 0) + 1 : 1;
  const prov = prepare(
    { ...(v.provenance as Provenance), target: [{ reference: `Appointment/${id}/_history/${version}` }] },
    newId(),
    invalid,
  );
  const appointmentIn = prepare(v.appointment as Appointment, id, invalid);
  const providers = new Map<string, string | null>();
  for (const oid of participantOrganisationOids(appointmentIn)) {
    const org = await tx.registry.getOrganisation(oid);
    if (org) providers.set(oid, org.partOf ?? null);
  }
  const index = appointmentIndex(appointmentIn, prov, providers);
  const appointment =
    operation.op === 'replace'
      ? await tx.fhir.update(appointmentIn, { index, ifMatch: current?.versionId ?? 0 })
      : await tx.fhir.create(appointmentIn, { index });
  const provenance = await tx.fhir.create(prov, { index: extractIndex(prov) });
  return { provenance, appointment, resourceIds: [versionRef(appointment), versionRef(provenance)] };
}

async function duplicateIdentifiers(tx: StoreSession, a: Appointment, entry: number): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const [i, ident] of (a.identifier ?? []).entries()) {
    if (ident.value === undefined) continue;
    const found = await tx.fhir.search({
      resourceType: 'Appointment',
      criteria: [
        { param: 'identifier', kind: 'token', values: [{ system: ident.system ?? '', code: ident.value }] },
      ],
      count: 1,
      offset: 0,
    });
    const existing = found.matches[0];
    if (existing) {
      out.push(
        warning(
          'KANTA-APPT-013',
          `Bundle.entry[${entry}].resource.identifier[${i}]`,
          `an appointment with identifier '${ident.value}' is already stored (Appointment/${existing.id}); to change it, replace it (PUT Appointment/${existing.id} in the transaction) instead of storing a second one`,
          KANTA_APPOINTMENT_SOURCE,
        ),
      );
    }
  }
  return out;
}
