/**
 * The source system's own records: what the EHR booked and archived, as the clinician entered it.
 * `GET /hook/source/…` serves these, so a scenario compares what Kanta stored with the source (the
 * archivist's third check, docs/kanta.md#deployment-test-and-the-archivists-check: "the stored documents' data matches the data in the client system").
 * In memory: the reference system forgets everything when it stops.
 */

/** An appointment as the booking system holds it. */
export interface SourceAppointment {
  /** Kanta's id of the appointment (Appointment.id), once stored. */
  id: string;
  /** The booking's own identifier (Appointment.identifier.value). */
  identifier: string;
  patient: string;
  start: string;
  end: string;
  /** The system's status in FHIR terms and as ajanvarauksen tila (1.2.246.537.6.881). */
  status: 'booked' | 'cancelled';
  tila: string;
  /** The latest version Kanta answered (ETag W/"n"). */
  version: number;
  /** The version seen when the appointment was first stored (what the stale-version fault sends). */
  firstVersion: number;
  organiser: string;
  unit: string;
  nullified: boolean;
  comment?: string;
}

export type DocumentKind = 'visit-note' | 'imaging' | 'certificate' | 'old-data' | 'social';

/** A document as the EHR (or social-care client system) holds it. */
export interface SourceDocument {
  oid: string;
  setId: string;
  versionNumber: number;
  kind: DocumentKind;
  repository: 'pta' | 'social';
  patient: string;
  title: string;
  /** HL7 TS in Helsinki local time with its offset (YYYYMMDDHHMMSS+0200 / +0300), as sent. */
  effectiveTime: string;
  /**
   * The custodian the archived document names: the register controller (`….19.0`) for PTA, the
   * organisation (`….10.0`) for social welfare in Kanta's format.
   */
  custodian: string;
  organisation: string;
  /** Social welfare: document group (old, phase1, phase2) and its code, and the service task. */
  documentGroup?: string;
  documentGroupCode?: string;
  serviceTask?: string;
  /** The OID of the version this one replaced, and of the version that replaced it. */
  replaces?: string;
  replacedBy?: string;
}

/** The source system's records. */
export class SourceSystem {
  readonly appointments = new Map<string, SourceAppointment>();
  readonly documents = new Map<string, SourceDocument>();
  private counter = 0;

  /** A number unique within this run of the system, to build OIDs and identifiers (no leading zero). */
  unique(): string {
    this.counter += 1;
    return `${Date.now()}${String(this.counter).padStart(4, '0')}`;
  }
}
