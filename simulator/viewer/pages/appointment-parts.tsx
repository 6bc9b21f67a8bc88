/** Appointment pieces shared by lists and the appointment page: status in FHIR and Finnish terms. */
import type { Appointment } from 'fhir/r4.js';
import type { VNode } from 'preact';
import type { StoredResource } from '../../domain/fhir.ts';
import { CODE_SYSTEMS } from '../../domain/codes.ts';
import { AJANVARAUKSEN_TILA_TO_FHIR, ajanvarauksenTila } from '../labels.ts';
import { CodeName, useT } from '../i18n.tsx';

export const AJANVARAUKSEN_TILA_EXTENSION =
  'https://hl7.fi/fhir/finnish-scheduling/StructureDefinition/ajanvarauksen-tila';

/** FHIR status → ajanvarauksen tila, from the reverse ConceptMap (docs/kanta.md#finnish-scheduling); first match wins. */
const FHIR_TO_TILA: Readonly<Record<string, string>> = {
  waitlist: '1',
  proposed: '2',
  pending: '8',
  booked: '3',
  cancelled: '4',
  'checked-in': '10',
  fulfilled: '7',
  noshow: '9',
  arrived: '3',
};

export interface AppointmentStatusInfo {
  fhir?: string;
  /** Ajanvarauksen tila code and name, and whether the resource carried it (else derived). */
  tila?: { code: string; name?: string; carried: boolean };
  /** The carried tila maps to a different FHIR status than the one given. */
  mismatch: boolean;
}

export function statusInfo(resource: Appointment | undefined): AppointmentStatusInfo {
  if (!resource) return { mismatch: false };
  const info: AppointmentStatusInfo = { fhir: resource.status, mismatch: false };
  // Read defensively: a stored extension may lack its url, or the list may not be a list.
  const extensions: unknown = resource._status?.extension;
  const carried = (Array.isArray(extensions) ? (extensions as unknown[]) : [])
    .map((e) => e as { url?: unknown; valueCoding?: { code?: unknown } } | null)
    .find(
      (e) =>
        typeof e?.url === 'string' &&
        (e.url === AJANVARAUKSEN_TILA_EXTENSION || e.url.endsWith('/ajanvarauksen-tila')),
    )?.valueCoding?.code;
  if (typeof carried === 'string') {
    const name = ajanvarauksenTila(carried);
    info.tila = { code: carried, carried: true, ...(name !== undefined && { name }) };
    const mapped = AJANVARAUKSEN_TILA_TO_FHIR[carried];
    info.mismatch = mapped !== undefined && mapped !== resource.status && !(resource.status === 'arrived');
  } else {
    const derived = Object.hasOwn(FHIR_TO_TILA, resource.status) ? FHIR_TO_TILA[resource.status] : undefined;
    if (derived !== undefined) {
      const name = ajanvarauksenTila(derived);
      info.tila = { code: derived, carried: false, ...(name !== undefined && { name }) };
    }
  }
  return info;
}

/**
 * A date-time field as given (with its offset, so it still names one moment), or undefined when it is
 * not text. Shown through `When`, which converts to Helsinki time; sort with `momentOf`.
 */
export function isoText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function appointmentStart(resource: Appointment | undefined): string | undefined {
  return isoText(resource?.start);
}

/** Milliseconds since the epoch for sorting moments given in different offsets; unparsable sorts first. */
export function momentOf(value: string | undefined): number {
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

/** FHIR Appointment.status codes (https://hl7.org/fhir/R4/valueset-appointmentstatus.html) with names in viewer.json. */
const FHIR_STATUSES = new Set([
  'proposed',
  'pending',
  'booked',
  'arrived',
  'fulfilled',
  'cancelled',
  'noshow',
  'entered-in-error',
  'checked-in',
  'waitlist',
]);

export function AppointmentStatus({ stored }: { stored: StoredResource<Appointment> }): VNode {
  const t = useT();
  if (stored.deleted) return <span class="badge badge-nullified">{t('status.nullified')}</span>;
  const info = statusInfo(stored.resource);
  return (
    <span class="apt-status">
      <span class={`badge badge-apt-${info.fhir ?? 'unknown'}`} title="FHIR Appointment.status">
        {info.fhir === undefined
          ? t('apt.noStatus')
          : FHIR_STATUSES.has(info.fhir)
            ? t(`apt.status.${info.fhir}`)
            : info.fhir}
      </span>
      {info.tila && (
        <span
          class={`badge badge-tila${info.tila.carried ? '' : ' badge-derived'}`}
          title={info.tila.carried ? t('apt.tila.carried') : t('apt.tila.derived')}
        >
          {info.tila.code} <CodeName system={CODE_SYSTEMS.ajanvarauksenTila.oid} code={info.tila.code} />
        </span>
      )}
      {info.mismatch && <span class="badge badge-warn">tila ≠ status</span>}
    </span>
  );
}
