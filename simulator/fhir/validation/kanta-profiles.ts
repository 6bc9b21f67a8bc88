/**
 * Layer 4b: Kanta PTA appointment (ajanvaraus) rules for the Appointment and its Provenance, as far as
 * the public IG `fi.kela.kanta.pta.ajanvaraus.r4` shows them (docs/kanta.md#kanta-appointment-api; Kanta PTA ajanvaraus guide, https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4). Where the IG
 * is not public, the choice is marked [kantasim] and listed in docs/fhir.md.
 *
 * These apply to an Appointment that arrives in a Kanta transaction (Appointment + Provenance) or that
 * claims the Kanta profile in `meta.profile`. A plain Finnish Scheduling Appointment (no Kanta profile,
 * no Provenance) is checked by the Finnish Scheduling layer only.
 *
 * Codes KANTA-APPT-0xx (Appointment), KANTA-PROV-0xx (Provenance).
 * See: https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4
 */
import type { Appointment, Provenance, ProvenanceAgent } from 'fhir/r4.js';
import { error, warning, type Finding } from '../../domain/findings.ts';
import { HETU_SYSTEM, isTemporaryIdRoot } from '../../domain/hetu.ts';
import { isOid } from '../../domain/oid.ts';

const SOURCE =
  'Kanta PTA ajanvaraus guide, https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4; docs/kanta.md#kanta-appointment-api';

export const KANTA_APPOINTMENT_PROFILE =
  'https://pta.kanta.fi/fhir/StructureDefinition/AppointmentAppointment';
export const KANTA_PROVENANCE_PROFILE = 'https://pta.kanta.fi/fhir/StructureDefinition/AppointmentProvenance';
/** Generic nullification Provenance (package fi.kela.kanta.gen.r4). */
export const KANTA_NULLIFICATION_PROFILE =
  'https://gen.kanta.fi/fhir/StructureDefinition/MitatointiProvenanceV2';
/** Provenance agent role categories (closed slicing of `agent` by role code). */
export const PROVENANCE_ROLE_SYSTEM = 'http://gen.kanta.fi/figen-cs-provenancerolecategory';

/**
 * The agent slices of AppointmentProvenance (slicing closed, discriminator `role.coding.code`). 10
 * (Palvelunjärjestäjä) and 12 (booker, patient) are slices of the published profile; 2 (professional),
 * 5 (legal representative) and 7 (the professional's service unit) are the other codes of the same
 * code system whose meaning the Kanta consent Provenance (TahdonilmaisuProvenance) publishes, and are
 * accepted as the remaining booker slices [inferred: the later slices of the appointment profile are
 * not in its public rendering]. Any other role is outside the closed slicing and refused.
 */
export const PROVENANCE_ROLES: Readonly<Record<string, string>> = {
  '10': 'Palvelunjärjestäjä (service organiser)',
  '12': 'Ajanvarauksen tekijä: potilas (booker, patient)',
  '2': 'Ammattihenkilö (booker, professional) [inferred]',
  '5': 'Laillinen edustaja (booker, legal representative) [inferred]',
  '7': "Palveluyksikkö (the professional's service unit) [inferred]",
};
/** The role whose agent is the recorder's service unit (search parameter producing-service-provider-unit). */
export const PRODUCING_UNIT_ROLE = '7';
/** Contained resources the guide references from `agent.who.reference` (AppointmentPatient, AppointmentPractitioner, KantaDevice). */
const CONTAINED_TYPES = ['Patient', 'Practitioner', 'Device'];
/** Elements MitatointiProvenanceV2 sets to 0..0 (fi.kela.kanta.gen.r4 1.0.0-rc5 / kanta-yhteiset-fhir 1.0.0). */
const NULLIFICATION_FORBIDDEN = [
  'reason',
  'policy',
  'location',
  'occurredDateTime',
  'occurredPeriod',
  'text',
  'implicitRules',
] as const;

const APPT_SOURCE =
  'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0 / 1.0.0-rc2), AppointmentAppointment, https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4';
const PROV_SOURCE =
  'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4';
const NULL_SOURCE =
  'Kanta yhteiset FHIR-profiilit (fi.kela.kanta.gen.r4 1.0.0-rc5; kanta-yhteiset-fhir 1.0.0), MitatointiProvenanceV2, https://simplifier.net/kanta-yhteiset-fhir/mitatointiprovenancev2';

/**
 * The codings of a bound CodeableConcept that lack system, code or display: the guide's profiles mark
 * all three required on every bound coding (`coding required: [display, system, code]`).
 */
function incompleteCodings(
  cc: { coding?: { system?: string; code?: string; display?: string }[] } | undefined,
  path: string,
): { path: string; missing: string[] }[] {
  return (cc?.coding ?? []).flatMap((c, j) => {
    const missing = (['system', 'code', 'display'] as const).filter(
      (k) => c[k] === undefined || c[k].trim() === '',
    );
    return missing.length === 0 ? [] : [{ path: `${path}.coding[${j}]`, missing }];
  });
}
export const SERVICE_ORGANISER_ROLE = '10';

/** Whether an Appointment claims the Kanta profile (then the Kanta rules apply to it everywhere). */
export function claimsKantaProfile(resource: { meta?: { profile?: string[] } }): boolean {
  return resource.meta?.profile?.some((p) => p.split('|')[0] === KANTA_APPOINTMENT_PROFILE) === true;
}

/** Identity-code or temporary-ID systems a patient participant may be identified with. */
export function isPatientIdSystem(system: string | undefined): boolean {
  if (system === HETU_SYSTEM) return true;
  return system?.startsWith('urn:oid:') === true && isTemporaryIdRoot(system.slice(8));
}

/** The indices of participants that identify the patient. */
export function patientParticipants(a: Appointment): number[] {
  return a.participant.flatMap((p, i) => (isPatientIdSystem(p.actor?.identifier?.system) ? [i] : []));
}

export function checkKantaAppointment(a: Appointment): Finding[] {
  const out: Finding[] = [];
  if (!claimsKantaProfile(a)) {
    out.push(
      error(
        'KANTA-APPT-001',
        'Appointment.meta.profile',
        `a Kanta appointment declares its profile: add '${KANTA_APPOINTMENT_PROFILE}' to meta.profile`,
        SOURCE,
      ),
    );
  }
  const patients = patientParticipants(a);
  if (patients.length === 0) {
    out.push(
      error(
        'KANTA-APPT-002',
        'Appointment.participant',
        `identify the patient in a participant by identity code: actor.identifier { system: '${HETU_SYSTEM}', value: '<identity code>' } (a reference alone is not enough for Kanta)`,
        SOURCE,
      ),
    );
  } else if (patients.length > 1) {
    out.push(
      error(
        'KANTA-APPT-003',
        `Appointment.participant[${patients[1] ?? 0}]`,
        'a Kanta appointment belongs to one patient; store a separate appointment for each patient',
        SOURCE,
      ),
    );
  }
  for (const i of patients) {
    const value = a.participant[i]?.actor?.identifier?.value;
    if (value === undefined || value === '') {
      out.push(
        error(
          'KANTA-APPT-004',
          `Appointment.participant[${i}].actor.identifier.value`,
          "the patient's identifier has a system but no value; add the identity code",
          SOURCE,
        ),
      );
    }
  }
  if ((a.identifier ?? []).length === 0) {
    out.push(
      warning(
        'KANTA-APPT-010',
        'Appointment.identifier',
        "add the booking's own identifier (ajanvarauksen tunniste) so the appointment can be found and replaced by it [kantasim: mandatory in the earlier Finnish profile]",
        SOURCE,
      ),
    );
  }
  (a.identifier ?? []).forEach((ident, i) => {
    if (ident.value === undefined || ident.value.trim() === '') {
      out.push(
        error(
          'KANTA-APPT-015',
          `Appointment.identifier[${i}].value`,
          "the booking's identifier has no value: Appointment.identifier.value is 1..1 in AppointmentAppointment; add the booking system's own identifier",
          APPT_SOURCE,
        ),
      );
    }
  });
  for (const bad of (a.meta?.security ?? []).flatMap((c, j) =>
    incompleteCodings({ coding: [c] }, '').map((x) => ({ ...x, path: `Appointment.meta.security[${j}]` })),
  )) {
    out.push(
      error(
        'KANTA-APPT-016',
        bad.path,
        `a meta.security coding (bound to https://pta.kanta.fi/ValueSet/fipta-vs-visible) carries system, code and display; add ${bad.missing.join(', ')}`,
        APPT_SOURCE,
      ),
    );
  }
  if (a.cancelationReason !== undefined) {
    if ((a.cancelationReason.coding ?? []).length === 0) {
      out.push(
        error(
          'KANTA-APPT-017',
          'Appointment.cancelationReason.coding',
          'cancelationReason is coded (bound to https://pta.kanta.fi/ValueSet/fipta-vs-cancelationreason); add a coding with system, code and display',
          APPT_SOURCE,
        ),
      );
    }
    for (const bad of incompleteCodings(a.cancelationReason, 'Appointment.cancelationReason')) {
      out.push(
        error(
          'KANTA-APPT-017',
          bad.path,
          `a cancelationReason coding (bound to https://pta.kanta.fi/ValueSet/fipta-vs-cancelationreason) carries system, code and display; add ${bad.missing.join(', ')}`,
          APPT_SOURCE,
        ),
      );
    }
  }
  (a.serviceCategory ?? []).forEach((cc, i) => {
    for (const bad of incompleteCodings(cc, `Appointment.serviceCategory[${i}]`)) {
      out.push(
        error(
          'KANTA-APPT-018',
          bad.path,
          `a serviceCategory coding carries system, code and display; add ${bad.missing.join(', ')}`,
          APPT_SOURCE,
        ),
      );
    }
  });
  (a.serviceType ?? []).forEach((cc, i) => {
    for (const bad of incompleteCodings(cc, `Appointment.serviceType[${i}]`)) {
      out.push(
        warning(
          'KANTA-APPT-019',
          bad.path,
          `a serviceType coding should carry system, code and display like the guide's other bound codings; add ${bad.missing.join(', ')}`,
          APPT_SOURCE,
        ),
      );
    }
  });
  if (a.status === 'entered-in-error') {
    out.push(
      error(
        'KANTA-APPT-011',
        'Appointment.status',
        "an erroneous appointment is nullified, not stored as entered-in-error: send a transaction with a new Provenance and 'DELETE Appointment/<id>'",
        SOURCE,
      ),
    );
  }
  if (a.status === 'cancelled' && a.cancelationReason === undefined) {
    out.push(
      warning(
        'KANTA-APPT-012',
        'Appointment.cancelationReason',
        'a cancelled appointment should say why: add cancelationReason (THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy, urn:oid:1.2.246.537.6.126)',
        SOURCE,
      ),
    );
  }
  return out;
}

/**
 * The patient of a stored appointment cannot change on replace or update [kantasim: not public; a
 * booking moved to another patient would leave the first patient's record wrong].
 */
export function checkPatientUnchanged(before: Appointment, after: Appointment, path: string): Finding[] {
  const was = patientParticipants(before).map((i) => before.participant[i]?.actor?.identifier?.value);
  const now = patientParticipants(after).map((i) => after.participant[i]?.actor?.identifier?.value);
  if (was.length === 0 || now.length === 0 || was[0] === now[0]) return [];
  return [
    error(
      'KANTA-APPT-014',
      path,
      `the appointment belongs to patient ${String(was[0])}; it cannot be moved to ${String(now[0])}. Nullify it and store a new appointment for the other patient`,
      SOURCE,
    ),
  ];
}

function roleCodes(agent: ProvenanceAgent): string[] {
  return (agent.role ?? []).flatMap((r) =>
    (r.coding ?? []).filter((c) => c.system === PROVENANCE_ROLE_SYSTEM).map((c) => c.code ?? ''),
  );
}

/** The service organiser agent (role 10), if exactly one is present. */
export function serviceOrganiserAgent(p: Provenance): { agent: ProvenanceAgent; index: number } | undefined {
  const found = p.agent.flatMap((agent, index) =>
    roleCodes(agent).includes(SERVICE_ORGANISER_ROLE) ? [{ agent, index }] : [],
  );
  return found.length === 1 ? found[0] : undefined;
}

/** The OID of the service organiser (who.identifier.value without `urn:oid:`), when given. */
export function serviceOrganiserOid(p: Provenance): string | undefined {
  const value = serviceOrganiserAgent(p)?.agent.who.identifier?.value;
  if (value === undefined) return undefined;
  return value.startsWith('urn:oid:') ? value.slice(8) : value;
}

/**
 * Contained resources of a Provenance are the people and systems its agents name (`agent.who.reference`
 * '#id'): AppointmentPatient, AppointmentPractitioner (booker) and KantaDevice. A local reference must
 * resolve, and a contained resource of another type has no place in the profile.
 */
function containedAgents(p: Provenance): Finding[] {
  const out: Finding[] = [];
  const contained = (p.contained ?? []) as { resourceType?: string; id?: string }[];
  contained.forEach((c, i) => {
    if (c.resourceType === undefined || !CONTAINED_TYPES.includes(c.resourceType)) {
      out.push(
        error(
          'KANTA-PROV-017',
          `Provenance.contained[${i}]`,
          `a contained ${c.resourceType ?? 'resource'} is not one the guide names; an agent's person or system is a contained ${CONTAINED_TYPES.join(', ')} (AppointmentPatient, AppointmentPractitioner, KantaDevice)`,
          PROV_SOURCE,
        ),
      );
    }
  });
  p.agent.forEach((agent, i) => {
    const ref = agent.who.reference;
    if (ref?.startsWith('#') === true && !contained.some((c) => c.id === ref.slice(1))) {
      out.push(
        error(
          'KANTA-PROV-016',
          `Provenance.agent[${i}].who.reference`,
          `'${ref}' names no contained resource; put the agent's Patient, Practitioner or Device in Provenance.contained with id '${ref.slice(1)}'`,
          PROV_SOURCE,
        ),
      );
    }
  });
  return out;
}

/** The recorder's service unit (agent role 7 who.identifier, without `urn:oid:`), when given. */
export function producingUnitOids(p: Provenance): string[] {
  const agents: unknown = (p as Partial<Provenance>).agent;
  if (!Array.isArray(agents)) return [];
  return (agents as ProvenanceAgent[]).flatMap((agent) => {
    const value = (agent as Partial<ProvenanceAgent> | null)?.who?.identifier?.value;
    if (typeof value !== 'string' || !Array.isArray(agent.role)) return [];
    if (!roleCodes(agent).includes(PRODUCING_UNIT_ROLE)) return [];
    return [value.startsWith('urn:oid:') ? value.slice(8) : value];
  });
}

export interface ProvenanceContext {
  /** The references that count as "this appointment": its fullUrl and/or `Appointment/{id}`. */
  appointmentRefs: string[];
  nullification: boolean;
  now: Date;
}

export function checkKantaProvenance(p: Provenance, ctx: ProvenanceContext): Finding[] {
  const out: Finding[] = [];
  const profiles = (p.meta?.profile ?? []).map((x) => x.split('|')[0]);
  const wanted = ctx.nullification
    ? [KANTA_NULLIFICATION_PROFILE, KANTA_PROVENANCE_PROFILE]
    : [KANTA_PROVENANCE_PROFILE];
  if (!profiles.some((x) => x !== undefined && wanted.includes(x))) {
    out.push(
      error(
        'KANTA-PROV-001',
        'Provenance.meta.profile',
        `add '${wanted[0] ?? ''}' to meta.profile of the ${ctx.nullification ? 'nullification ' : ''}Provenance`,
        SOURCE,
      ),
    );
  }
  const targets = p.target.map((t) => t.reference ?? '');
  const hits = targets.filter((t) => ctx.appointmentRefs.includes(t.replace(/\/_history\/[^/]+$/, '')));
  if (p.target.length !== 1 || hits.length !== 1) {
    out.push(
      error(
        'KANTA-PROV-002',
        'Provenance.target',
        `the Provenance has exactly one target, the appointment of this transaction (${ctx.appointmentRefs.join(' or ')}); found ${targets.length === 0 ? 'none' : targets.map((t) => `'${t}'`).join(', ')}`,
        SOURCE,
      ),
    );
  }
  const recorded = (p as Partial<Provenance>).recorded;
  if (recorded === undefined || recorded === '') {
    out.push(
      error(
        'KANTA-PROV-003',
        'Provenance.recorded',
        'add recorded: when the booking event was recorded (instant with time zone)',
        SOURCE,
      ),
    );
  } else if (Date.parse(recorded) > ctx.now.getTime() + 5 * 60_000) {
    out.push(
      warning(
        'KANTA-PROV-004',
        'Provenance.recorded',
        `recorded '${recorded}' is in the future; check the clock of the sending system`,
        SOURCE,
      ),
    );
  }
  p.agent.forEach((agent, i) => {
    const codes = roleCodes(agent);
    if (codes.length === 0) {
      out.push(
        error(
          'KANTA-PROV-005',
          `Provenance.agent[${i}].role`,
          `every agent has a role coding from '${PROVENANCE_ROLE_SYSTEM}' (the agents are sliced by it); add one, e.g. code 10 for the service organiser`,
          SOURCE,
        ),
      );
    }
    for (const code of codes) {
      if (PROVENANCE_ROLES[code] === undefined) {
        out.push(
          error(
            'KANTA-PROV-006',
            `Provenance.agent[${i}].role`,
            `role code '${code}' is outside the agent slices of the profile (slicing is closed; roles: ${Object.entries(
              PROVENANCE_ROLES,
            )
              .map(([c, n]) => `${c} ${n}`)
              .join('; ')})`,
            PROV_SOURCE,
          ),
        );
      }
    }
  });
  p.agent.forEach((agent, i) => {
    (agent.role ?? []).forEach((r, k) => {
      for (const bad of incompleteCodings(r, `Provenance.agent[${i}].role[${k}]`)) {
        out.push(
          error(
            'KANTA-PROV-012',
            bad.path,
            `an agent role coding (bound to http://gen.kanta.fi/ValueSet/figen-vs-provenancerolecategory) carries system, code and display; add ${bad.missing.join(', ')}`,
            PROV_SOURCE,
          ),
        );
      }
    });
  });
  out.push(...containedAgents(p));
  if (ctx.nullification || profiles.includes(KANTA_NULLIFICATION_PROFILE)) {
    const record = p as unknown as Record<string, unknown>;
    for (const name of NULLIFICATION_FORBIDDEN) {
      if (record[name] !== undefined) {
        out.push(
          error(
            'KANTA-PROV-015',
            `Provenance.${name}`,
            `a nullification Provenance (MitatointiProvenanceV2) has no ${name} (0..0 in the profile); remove it`,
            NULL_SOURCE,
          ),
        );
      }
    }
  } else {
    if (p.language === undefined || p.language.trim() === '') {
      out.push(
        error(
          'KANTA-PROV-013',
          'Provenance.language',
          "add language (1..1 in AppointmentProvenance), e.g. 'fi'",
          PROV_SOURCE,
        ),
      );
    }
    const record = p as unknown as Record<string, unknown>;
    for (const name of ['occurredDateTime', 'occurredPeriod']) {
      if (record[name] !== undefined) {
        out.push(
          error(
            'KANTA-PROV-014',
            `Provenance.${name}`,
            'AppointmentProvenance allows no occurred[x] (the time is Provenance.recorded); remove it',
            PROV_SOURCE,
          ),
        );
      }
    }
  }
  const organisers = p.agent.filter((a) => roleCodes(a).includes(SERVICE_ORGANISER_ROLE));
  if (organisers.length !== 1) {
    out.push(
      error(
        'KANTA-PROV-007',
        'Provenance.agent',
        organisers.length === 0
          ? `the service organiser (palvelunjärjestäjä) is mandatory: add an agent with role '${PROVENANCE_ROLE_SYSTEM}#10' and who.identifier { system: 'urn:ietf:rfc:3986', value: 'urn:oid:<organisation OID>' }, who.display`
          : 'give exactly one service organiser agent (role 10)',
        SOURCE,
      ),
    );
  }
  const organiser = serviceOrganiserAgent(p);
  if (organiser) {
    const at = `Provenance.agent[${organiser.index}].who`;
    const ident = organiser.agent.who.identifier;
    if (ident?.system !== 'urn:ietf:rfc:3986') {
      out.push(
        error(
          'KANTA-PROV-008',
          `${at}.identifier.system`,
          "the service organiser's identifier system is 'urn:ietf:rfc:3986' (the value is a urn:oid: URI)",
          SOURCE,
        ),
      );
    }
    const value = ident?.value ?? '';
    if (!value.startsWith('urn:oid:') || !isOid(value.slice(8))) {
      out.push(
        error(
          'KANTA-PROV-009',
          `${at}.identifier.value`,
          `the service organiser is identified by its SOTE-organisation register OID as 'urn:oid:1.2.246.10.<y-tunnus>.10.0'; '${value}' is not such a URI`,
          SOURCE,
        ),
      );
    }
    if (organiser.agent.who.display === undefined || organiser.agent.who.display.trim() === '') {
      out.push(
        error('KANTA-PROV-010', `${at}.display`, "add who.display: the service organiser's name", SOURCE),
      );
    }
  }
  if (p.signature === undefined || p.signature.length === 0) {
    out.push(
      warning(
        'KANTA-PROV-011',
        'Provenance.signature',
        'Kanta expects the booking to be signed; add a signature (kantasim does not verify signatures)',
        SOURCE,
      ),
    );
  }
  return out;
}
