/**
 * The EHR's side of Kanta's archive (docs/kanta.md#patient-data-repository, docs/archive.md): every document travels as an HL7 V3
 * archiving message, `RCMR_IN100002FI01` for a new document and `RCMR_IN100016FI01` for a replacement,
 * with the CDA base64-encoded in a `multipart/related` part whose Content-ID is the document OID. A
 * social-welfare document travels in the Client Data Repository's own frame: `RCMR_IN200002FI01`, and
 * for a new version `RCMR_IN200016FI01` (kantasim's assumption, no public frame shows it). The answer is
 * an HL7 V3 acknowledgement (AA / AE / AR), read by `readAcknowledgement`.
 */
import {
  buildCda,
  buildMessage,
  OIDS,
  REAL_RANGE_HETU,
  WORLD,
  type CdaOptions,
} from '../../fixtures/cda/index.ts';
import { LUMME, socialCda, socialFrame } from '../../fixtures/cda/social.ts';
import type { Fault } from './faults.ts';
import { kantaFetch } from './kanta-http.ts';
import { readAcknowledgement, type KantaAnswer } from './kanta-answer.ts';
import type { DocumentKind, SourceDocument } from './source.ts';

/** Social-welfare document groups (1.2.246.537.6.1505) and their codes (docs/archive.md [choice]). */
/**
 * A document-group code (Sosiaalihuolto - Asiakirjaryhmä) for each deployment category, per kantasim's
 * table simulator/domain/code-lists/document-group-categories.json (old = 4 is an assumption there).
 */
export const DOCUMENT_GROUP_CODES: Record<string, string> = { old: '4', phase1: '2', phase2: '5' };

/** What each kind of document looks like in this EHR. */
const KINDS: Record<DocumentKind, { title: string; cda: Partial<CdaOptions> }> = {
  'visit-note': { title: 'Käyntikertomus', cda: { viewCodes: ['40'] } },
  imaging: {
    title: 'Radiologinen lausunto',
    cda: {
      viewCodes: ['102'],
      localHeader: {
        functionCode: { code: '06.04.00', codeSystem: OIDS.functionCode, displayName: 'Kuvantaminen' },
      },
    },
  },
  certificate: { title: 'Lääkärinlausunto', cda: { viewCodes: ['TOD'] } },
  'old-data': { title: 'Vanha sairauskertomus', cda: { viewCodes: ['40'], oldPatientData: true } },
  social: { title: 'Asiakaskertomus', cda: {} },
};

/** The default title of a kind of document. */
export function defaultTitle(kind: DocumentKind): string {
  return KINDS[kind].title;
}

/** The PTA CDA the EHR builds from a source record (the fault modes change what it writes, not the record). */
function cdaOf(d: SourceDocument, fault: Fault | undefined): string {
  const w = WORLD[d.repository];
  const options: Partial<CdaOptions> = {
    ...KINDS[d.kind].cda,
    repository: d.repository,
    oid: d.oid,
    setId: d.setId,
    versionNumber: d.versionNumber,
    title: fault === 'source-mismatch' ? `${d.title} (luonnos)` : d.title,
    effectiveTime: d.effectiveTime,
    patient: { root: OIDS.hetu, extension: d.patient, given: 'Testi', family: 'Potilas' },
    custodian: fault === 'wrong-custodian' ? w.organisation : d.custodian,
  };
  if (fault === 'real-identity')
    options.authors = [{ hetu: REAL_RANGE_HETU, given: 'Oikea', family: 'Lääkäri' }];
  if (d.replaces !== undefined) {
    const previousVersion = d.versionNumber - 1;
    options.replaces = { oid: d.replaces, setId: d.setId, versionNumber: previousVersion };
  }
  return buildCda(options);
}

/** The custodian a social-welfare source record names: the organisation itself, or its unit. */
export function socialCustodian(): string {
  return LUMME.oid;
}

/**
 * A social-welfare client document in Kanta's own format: the CDA with hl7fi:localSocialHeader in an
 * RCMR_IN200002FI01 message (RCMR_IN200016FI01 for a replacement), as a client system sends it to the
 * Client Data Repository. Title, time, patient, custodian, document group and service task are the
 * source record's (the fault modes change what is written, not the record); the custodian is the
 * organisation itself or its unit, as the format names it.
 */
function socialMessageOf(d: SourceDocument, fault: Fault | undefined): string {
  const group = d.documentGroupCode ?? '2';
  const { cda } = socialCda('client', {
    organisation: LUMME,
    custodian: d.custodian === LUMME.unit.oid ? 'unit' : 'organisation',
    documentOid: d.oid,
    setId: d.setId,
    versionNumber: d.versionNumber,
    title: fault === 'source-mismatch' ? `${d.title} (luonnos)` : d.title,
    effectiveTime: d.effectiveTime,
    patient: { hetu: d.patient, family: 'Potilas', given: 'Testi', gender: '2' },
    documentGroup: fault === 'undeployed-group' && group === '2' ? '5' : group,
    serviceTask: d.serviceTask ?? '24',
    replaces:
      d.replaces === undefined
        ? null
        : { oid: d.replaces, setId: d.setId, versionNumber: d.versionNumber - 1 },
  });
  return socialFrame(cda, 'client', LUMME, {
    interaction: d.replaces === undefined ? 'RCMR_IN200002FI01' : 'RCMR_IN200016FI01',
    sender: WORLD.social.deviceRoot,
    senderExtension: fault === 'wrong-connection-point' ? 'cp-vendor-laptop' : WORLD.social.connectionPoint,
  });
}

/** Sends the archiving message for a source record and reads the acknowledgement. */
export async function archive(
  sim: string,
  d: SourceDocument,
  fault: Fault | undefined,
): Promise<KantaAnswer> {
  const w = WORLD[d.repository];
  if (d.repository === 'social') {
    const res = await kantaFetch(`${sim}/archive/social`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/hl7-v3+xml', Accept: 'application/xml' },
      body: socialMessageOf(d, fault),
    });
    return readAcknowledgement(res.status, res.text);
  }
  const cda = cdaOf(d, fault);
  const message = buildMessage(cda, {
    repository: d.repository,
    interaction: d.replaces === undefined ? 'RCMR_IN100002FI01' : 'RCMR_IN100016FI01',
    senderDevice: {
      root: w.deviceRoot,
      extension: fault === 'wrong-connection-point' ? 'cp-vendor-laptop' : w.connectionPoint,
    },
  });
  const res = await kantaFetch(`${sim}/archive/${d.repository}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/hl7-v3+xml', Accept: 'application/xml' },
    body: message,
  });
  return readAcknowledgement(res.status, res.text);
}
