/**
 * Links from the evidence in reports to the simulator's archivist viewer (`{sim}/viewer/…`).
 *
 * Extension point: the viewer's URL scheme is decided by the viewer issue; these three functions are the
 * only place that knows it, so a change there is a change here.
 */
import type { Evidence } from './types.ts';
import { joinUrl } from './http.ts';

const OID = /^(urn:oid:)?[0-2](\.(0|[1-9][0-9]*))+$/;

/** The viewer page of one event in the log. */
export function eventLink(sim: string, seq: number): string {
  return joinUrl(sim, `/viewer/events/${seq}`);
}

/**
 * The viewer page of a stored thing named in an event's `resourceIds`: a FHIR resource
 * (`Appointment/123/_history/2`) or an archived document (its OID, `…/versions/n` allowed).
 */
export function resourceLink(sim: string, resourceId: string): string | undefined {
  if (/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}(\/_history\/[A-Za-z0-9\-.]{1,64})?$/.test(resourceId))
    return joinUrl(sim, `/viewer/fhir/${resourceId}`);
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
