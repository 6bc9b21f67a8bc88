/**
 * Layer 4a: HL7 Finland Finnish Scheduling rules (FiSchedulingAppointment, FiSchedulingHealthcareService),
 * one function per profile rule, in the order of the FSH source so it is easy to compare.
 *
 * Applies to every Appointment and HealthcareService this endpoint receives: the Kanta appointment
 * content follows Finnish Scheduling (docs/kanta.md#finnish-scheduling; HL7 Finland Finnish Scheduling 2.0.0-rc3, https://hl7.fi/fhir/finnish-scheduling).
 *
 * Codes FI-SCHED-0xx.
 * See: https://hl7.fi/fhir/finnish-scheduling/StructureDefinition-fi-scheduling-appointment.html
 * Source: fhir-fi/finnish-scheduling input/fsh/profiles/FiSchedulingAppointment.fsh (@888ca85)
 */
import type {
  Appointment,
  AppointmentParticipant,
  CodeableConcept,
  Coding,
  HealthcareService,
} from 'fhir/r4.js';
import { AJANVARAUKSEN_TILA_TO_STATUS, CODE_SYSTEMS, isCodeSystem } from '../../domain/codes.ts';
import { error, warning, type Finding } from '../../domain/findings.ts';

const SOURCE =
  'HL7 Finland Finnish Scheduling 2.0.0-rc3, https://hl7.fi/fhir/finnish-scheduling, FiSchedulingAppointment; docs/kanta.md#finnish-scheduling';

/** Extension URL prefix of Finnish Scheduling. */
export const FI_SCHEDULING_EXT = 'https://hl7.fi/fhir/finnish-scheduling/StructureDefinition/';
export const AJANVARAUKSEN_TILA_URL = `${FI_SCHEDULING_EXT}ajanvarauksen-tila`;

/** ConceptMap ajanvarauksentila-appointmentstatus: Finnish booking status code → FHIR status. */
export const TILA_TO_STATUS: Readonly<Record<string, Appointment['status']>> = AJANVARAUKSEN_TILA_TO_STATUS;

const codings = (cc: CodeableConcept | undefined): Coding[] => cc?.coding ?? [];

function systemIs(coding: Coding, key: keyof typeof CODE_SYSTEMS): boolean {
  return (
    coding.system !== undefined && coding.system.startsWith('urn:oid:') && isCodeSystem(coding.system, key)
  );
}

/** cancelationReason.coding.system = urn:oid:1.2.246.537.6.126 (THL peruuntumisen syy). */
function cancelationReason(a: Appointment): Finding[] {
  return codings(a.cancelationReason).flatMap((c, i) =>
    systemIs(c, 'cancellationReason')
      ? []
      : [
          error(
            'FI-SCHED-001',
            `Appointment.cancelationReason.coding[${i}].system`,
            `cancelationReason codes come from THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy; set system to 'urn:oid:1.2.246.537.6.126' (or its versioned OID), not '${c.system ?? ''}'`,
            SOURCE,
          ),
        ],
  );
}

/**
 * serviceCategory slice thlCodedCategory: a category with a THL coding must use
 * urn:oid:1.2.246.537.6.50 (SOTE-luokitus). A coding that claims an OID system must be a known one.
 */
function serviceCategory(a: Appointment): Finding[] {
  const out: Finding[] = [];
  (a.serviceCategory ?? []).forEach((cc, i) => {
    codings(cc).forEach((c, j) => {
      if (
        c.system?.startsWith('urn:oid:1.2.246.537.6.') === true &&
        !systemIs(c, 'soteServiceClassification')
      ) {
        out.push(
          warning(
            'FI-SCHED-010',
            `Appointment.serviceCategory[${i}].coding[${j}].system`,
            `THL codings of serviceCategory use THL - Sosiaali- ja terveyspalvelujen luokitus 'urn:oid:1.2.246.537.6.50' (e.g. '.201801'); '${c.system}' is another code system`,
            SOURCE,
          ),
        );
      }
      if (systemIs(c, 'soteServiceClassification') && (c.code === undefined || c.code === '')) {
        out.push(
          error(
            'FI-SCHED-011',
            `Appointment.serviceCategory[${i}].coding[${j}].code`,
            'the THL serviceCategory coding needs a code',
            SOURCE,
          ),
        );
      }
    });
  });
  return out;
}

/** serviceType slice thlCodedType: THL codings use urn:oid:1.2.246.537.6.49 (palvelunimikkeistö). */
function serviceType(a: Appointment): Finding[] {
  const out: Finding[] = [];
  (a.serviceType ?? []).forEach((cc, i) => {
    codings(cc).forEach((c, j) => {
      if (c.system?.startsWith('urn:oid:1.2.246.537.6.') === true && !systemIs(c, 'serviceNomenclature')) {
        out.push(
          warning(
            'FI-SCHED-020',
            `Appointment.serviceType[${i}].coding[${j}].system`,
            `THL codings of serviceType use THL - Sosiaali- ja terveysalan palvelunimikkeistö 'urn:oid:1.2.246.537.6.49' (e.g. '.201501'); '${c.system}' is another code system`,
            SOURCE,
          ),
        );
      }
    });
  });
  return out;
}

/**
 * appointmentType.coding.system = 1.2.246.537.6.884 (THL - Asiointitapa). The profile writes the OID
 * without `urn:oid:` (an IG bug, docs/kanta.md#finnish-scheduling); kantasim accepts both and says which form to prefer.
 */
function appointmentType(a: Appointment): Finding[] {
  const list = codings(a.appointmentType);
  if (list.length === 0) return [];
  const out: Finding[] = [];
  list.forEach((c, i) => {
    if (c.system !== undefined && /^1\.2\.246\.537\.6\.884(\.\d{4,6})?$/.test(c.system)) {
      out.push(
        warning(
          'FI-SCHED-031',
          `Appointment.appointmentType.coding[${i}].system`,
          `write the OID as a URI: 'urn:oid:${c.system}' (the bare form comes from an error in the Finnish Scheduling profile)`,
          SOURCE,
        ),
      );
    }
  });
  const hasThl = list.some(
    (c) =>
      systemIs(c, 'contactMode') ||
      (c.system !== undefined && /^1\.2\.246\.537\.6\.884(\.\d{4,6})?$/.test(c.system)),
  );
  if (!hasThl) {
    out.push(
      warning(
        'FI-SCHED-030',
        'Appointment.appointmentType.coding',
        "appointmentType should carry a THL - Asiointitapa coding (system 'urn:oid:1.2.246.537.6.884.2015', e.g. code 10 'Kertakäynti toimipaikassa')",
        SOURCE,
      ),
    );
  }
  return out;
}

/** reasonReference only Reference(Condition), aggregation contained. */
function reasonReference(a: Appointment): Finding[] {
  return (a.reasonReference ?? []).flatMap((r, i) =>
    r.reference === undefined || r.reference.startsWith('#')
      ? []
      : [
          error(
            'FI-SCHED-040',
            `Appointment.reasonReference[${i}]`,
            `reasonReference must point to a contained Condition ('#id'), not '${r.reference}'; put the Condition in 'contained'`,
            SOURCE,
          ),
        ],
  );
}

/** The ajanvarauksen-tila extension on `_status` must agree with `status` (ConceptMaps of the IG). */
function bookingStatus(a: Appointment): Finding[] {
  const out: Finding[] = [];
  const onRoot = (a.extension ?? []).findIndex((e) => e.url === AJANVARAUKSEN_TILA_URL);
  if (onRoot >= 0) {
    out.push(
      error(
        'FI-SCHED-052',
        `Appointment.extension[${onRoot}]`,
        "the ajanvarauksen-tila extension belongs on the status element: move it to '_status.extension'",
        SOURCE,
      ),
    );
  }
  const ext = (a._status?.extension ?? []).find((e) => e.url === AJANVARAUKSEN_TILA_URL);
  const coding = ext?.valueCoding;
  if (ext === undefined) return out;
  if (
    coding?.system === undefined ||
    !isCodeSystem(coding.system, 'ajanvarauksenTila') ||
    !coding.system.startsWith('urn:oid:')
  ) {
    out.push(
      error(
        'FI-SCHED-050',
        'Appointment.status.extension(ajanvarauksen-tila).valueCoding.system',
        "the booking status is coded in Ajanvaraus - Ajanvarauksen tila: set valueCoding.system to 'urn:oid:1.2.246.537.6.881' (or '.201501')",
        SOURCE,
      ),
    );
    return out;
  }
  const code = coding.code ?? '';
  const mapped = TILA_TO_STATUS[code];
  if (mapped === undefined) {
    out.push(
      error(
        'FI-SCHED-051',
        'Appointment.status.extension(ajanvarauksen-tila).valueCoding.code',
        `'${code}' is not an Ajanvarauksen tila code; use one of ${Object.keys(TILA_TO_STATUS).join(', ')}`,
        SOURCE,
      ),
    );
    return out;
  }
  const arrivedOk = a.status === 'arrived' && (code === '3' || code === '6');
  if (mapped !== a.status && !arrivedOk) {
    out.push(
      error(
        'FI-SCHED-053',
        'Appointment.status',
        `status '${a.status}' disagrees with ajanvarauksen tila ${code} (${CODE_SYSTEMS.ajanvarauksenTila.codes[code]}), which maps to '${mapped}'; change one of them`,
        SOURCE,
      ),
    );
  }
  if (code === '5') {
    out.push(
      warning(
        'FI-SCHED-054',
        'Appointment.status.extension(ajanvarauksen-tila).valueCoding.code',
        "code 5 'Siirretty' is deprecated; record a move as a cancelled (4) appointment and a new booking",
        SOURCE,
      ),
    );
  }
  return out;
}

/** Participants: patient identity codes use the HETU system (checked in full by the registry layer). */
function patientIdentifierSystem(a: Appointment): Finding[] {
  const out: Finding[] = [];
  a.participant.forEach((p: AppointmentParticipant, i) => {
    const ident = p.actor?.identifier;
    if (ident?.system === '1.2.246.21') {
      out.push(
        error(
          'FI-SCHED-060',
          `Appointment.participant[${i}].actor.identifier.system`,
          "write the identity-code system as a URI: 'urn:oid:1.2.246.21'",
          'HL7 Finland Finnish Base Profiles, FiBasePatient; docs/kanta.md#identifier-systems',
        ),
      );
    }
  });
  return out;
}

/** All Finnish Scheduling findings for an Appointment. */
export function checkFiSchedulingAppointment(a: Appointment): Finding[] {
  return [
    ...cancelationReason(a),
    ...serviceCategory(a),
    ...serviceType(a),
    ...appointmentType(a),
    ...reasonReference(a),
    ...bookingStatus(a),
    ...patientIdentifierSystem(a),
  ];
}

/** FiSchedulingHealthcareService: type.coding.system 1..1; THL slices health 6.49, social 6.1222. */
export function checkFiSchedulingHealthcareService(h: HealthcareService): Finding[] {
  const out: Finding[] = [];
  (h.type ?? []).forEach((cc, i) => {
    codings(cc).forEach((c, j) => {
      if (c.system === undefined || c.system === '') {
        out.push(
          error(
            'FI-SCHED-070',
            `HealthcareService.type[${i}].coding[${j}].system`,
            "each HealthcareService.type coding needs a system: 'urn:oid:1.2.246.537.6.49.201501' for health services, 'urn:oid:1.2.246.537.6.1222' for social services",
            'HL7 Finland Finnish Scheduling 2.0.0-rc3, https://hl7.fi/fhir/finnish-scheduling, FiSchedulingHealthcareService; docs/kanta.md#finnish-scheduling',
          ),
        );
      }
    });
  });
  return out;
}
