/**
 * Links from the evidence in reports to the simulator's archivist viewer (`{sim}/viewer/…`).
 *
 * These functions are the only place in the runner that knows the viewer's URL scheme
 * (simulator/viewer/routes.tsx); `VIEWER_LINK_PATTERNS` lists every path they produce, and
 * test/integration/runs-viewer.test.ts opens each one in a running viewer.
 *
 * - an event in the log           → /viewer/events/{seq}
 * - an Appointment (any version)  → /viewer/appointments/{id} (the page shows its history)
 * - an archived document (OID)    → /viewer/documents/{oid}
 * - a recorded scenario run       → /viewer/runs/{id}
 * Other FHIR resources (Provenance, …) have no page of their own: they are shown on their
 * appointment's page, so they get no link.
 */
import type { Evidence } from './types.ts';
import { joinUrl } from './http.ts';

const OID = /^(urn:oid:)?[0-2](\.(0|[1-9][0-9]*))+$/;
const APPOINTMENT = /^Appointment\/([A-Za-z0-9\-.]{1,64})(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;
const FHIR_REFERENCE = /^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/;

/** Every viewer path the functions below produce (for the test that opens them). */
export const VIEWER_LINK_PATTERNS: readonly RegExp[] = [
  /^\/viewer\/events\/[0-9]+$/,
  /^\/viewer\/appointments\/[A-Za-z0-9\-.]{1,64}$/,
  /^\/viewer\/documents\/[0-9.]+$/,
  /^\/viewer\/runs\/[A-Za-z0-9-]{1,64}$/,
];

/** The viewer page of one event in the log. */
export function eventLink(sim: string, seq: number): string {
  return joinUrl(sim, `/viewer/events/${seq}`);
}

/** The viewer page of a recorded scenario run (`POST /runs` answers its id). */
export function runLink(sim: string, id: string): string {
  return joinUrl(sim, `/viewer/runs/${encodeURIComponent(id)}`);
}

/**
 * The viewer page of a stored thing named in an event's `resourceIds`: an Appointment
 * (`Appointment/123/_history/2`) or an archived document (its OID, `…/versions/n` allowed).
 */
export function resourceLink(sim: string, resourceId: string): string | undefined {
  const appointment = APPOINTMENT.exec(resourceId);
  if (appointment) return joinUrl(sim, `/viewer/appointments/${appointment[1] ?? ''}`);
  if (FHIR_REFERENCE.test(resourceId)) return undefined;
  const oid = resourceId.split('/')[0] ?? '';
  if (OID.test(oid))
    return joinUrl(sim, `/viewer/documents/${encodeURIComponent(oid.replace(/^urn:oid:/, ''))}`);
  return undefined;
}

/** Evidence rows for a resource id, with a link when the viewer has a page for it. */
export function resourceEvidence(sim: string, resourceId: string): Evidence {
  const label = /^[A-Z]/.test(resourceId) ? 'resource' : 'document';
  const href = resourceLink(sim, resourceId);
  return href === undefined ? { label, value: resourceId } : { label, value: resourceId, href };
}
