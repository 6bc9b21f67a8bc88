/**
 * Document identity and version-chain rules (CDA-VER-001…013, CDA-MSG-010).
 *
 * - The document OID is unique: the same bytes again are an idempotent duplicate (answered as accepted,
 *   nothing stored twice); other content under a stored OID is refused.
 * - A new document (RCMR_IN100002FI01, no RPLC) starts a set: versionNumber 1, setId not used before.
 * - A replacement (RCMR_IN100016FI01, relatedDocument typeCode RPLC) points at the current latest version
 *   of its set, keeps the setId and has versionNumber + 1. Replacing a nullified, already replaced or
 *   unknown document is refused.
 *
 * Facts: docs/kanta.md#replacement-and-nullification, docs/kanta.md#archive-messages. Pure: the caller loads the stored documents.
 */
import { error, expectedReceived, fatal, type Finding } from '../../domain/findings.ts';
import type { ArchivedDocument, ArchiveRepositoryKind, CdaHeader } from '../../domain/cda.ts';
import {
  INTERACTION_NEW,
  INTERACTION_REPLACE,
  INTERACTION_SOCIAL_NEW,
  INTERACTION_SOCIAL_REPLACE,
  isReplaceInteraction,
  type Interaction,
} from '../envelope.ts';
import { documentOidOf } from '../header.ts';

const DOC = '/ClinicalDocument';
const RPLC = `${DOC}/relatedDocument[@typeCode='RPLC']/parentDocument`;

export interface VersionInput {
  header: CdaHeader;
  repository: ArchiveRepositoryKind;
  /** Undefined for a bare CDA document (the RPLC relation alone decides). */
  interaction?: Interaction;
  sha256: string;
  /** The stored document with the same OID, if any. */
  sameOid?: ArchivedDocument;
  /** The latest valid stored version of the document's setId, if any. */
  setLatest?: ArchivedDocument;
  /** The stored document the RPLC relation points at, if any. */
  parent?: ArchivedDocument;
}

export type VersionVerdict =
  | { kind: 'duplicate'; original: ArchivedDocument; findings: Finding[] }
  | { kind: 'new'; findings: Finding[] }
  | { kind: 'replacement'; parentOid: string; findings: Finding[] };

/** The OID the RPLC relation points at, or undefined. */
export function replacedOid(header: CdaHeader): string | undefined {
  const id = header.replaces?.id;
  return id && id.root !== '' ? documentOidOf(id) : undefined;
}

export function checkVersion(input: VersionInput): VersionVerdict {
  const { header, sameOid } = input;
  // Each repository names its own interactions (envelope.ts INTERACTIONS).
  const social = input.repository === 'social';
  const replaceName = social ? INTERACTION_SOCIAL_REPLACE : INTERACTION_REPLACE;
  const newName = social ? INTERACTION_SOCIAL_NEW : INTERACTION_NEW;
  if (sameOid) {
    if (sameOid.sha256 === input.sha256 && sameOid.repository === input.repository)
      return {
        kind: 'duplicate',
        original: sameOid,
        findings: [
          {
            code: 'CDA-VER-002',
            severity: 'information',
            path: `${DOC}/id`,
            message: `document ${sameOid.oid} was already archived with identical content at ${sameOid.receivedAt}; nothing was stored again`,
          },
        ],
      };
    return {
      kind: 'new',
      findings: [
        fatal(
          'CDA-VER-001',
          `${DOC}/id/@root`,
          `document OID ${sameOid.oid} is already archived with different content (in ${sameOid.repository}); every document and every version needs a new OID — to correct a document send a replacement (${replaceName}) with a new id, the same setId and versionNumber ${sameOid.versionNumber + 1}`,
        ),
      ],
    };
  }
  const f: Finding[] = [];
  const isReplacement = header.replaces !== undefined;
  if (isReplaceInteraction(input.interaction) && !isReplacement)
    f.push(
      error(
        'CDA-MSG-010',
        `${DOC}/relatedDocument`,
        `${replaceName} is a replacement but the document has no relatedDocument typeCode="RPLC"; add it, or send ${newName}`,
      ),
    );
  if (input.interaction !== undefined && !isReplaceInteraction(input.interaction) && isReplacement)
    f.push(
      error(
        'CDA-MSG-010',
        `${DOC}/relatedDocument`,
        `${newName} archives a new document but this one has relatedDocument typeCode="RPLC"; send it as ${replaceName}`,
      ),
    );

  const setId = header.setId ? documentOidOf(header.setId) : undefined;
  if (!isReplacement) {
    if (header.versionNumber !== undefined && header.versionNumber !== 1)
      f.push(
        error(
          'CDA-VER-004',
          `${DOC}/versionNumber/@value`,
          `a new document has versionNumber 1; ${expectedReceived('1', String(header.versionNumber))} (a later version is a replacement with relatedDocument RPLC)`,
        ),
      );
    if (input.setLatest && setId !== undefined)
      f.push(
        error(
          'CDA-VER-003',
          `${DOC}/setId/@root`,
          `setId ${setId} is already used by document ${input.setLatest.oid} (version ${input.setLatest.versionNumber}); give a new document its own setId, or replace that document with ${replaceName}`,
        ),
      );
    return { kind: 'new', findings: f };
  }

  const parentOid = replacedOid(header);
  if (parentOid === undefined) {
    f.push(
      error(
        'CDA-VER-005',
        `${RPLC}/id`,
        'the RPLC relation names no parentDocument/id; give the OID of the version being replaced',
      ),
    );
    return { kind: 'replacement', parentOid: '', findings: f };
  }
  const parent = input.parent;
  if (!parent) {
    f.push(
      error(
        'CDA-VER-005',
        `${RPLC}/id/@root`,
        `the replaced document ${parentOid} is not in the archive; a replacement must point at an archived document (archive the original first)`,
      ),
    );
    return { kind: 'replacement', parentOid, findings: f };
  }
  if (parent.repository !== input.repository)
    f.push(
      error(
        'CDA-VER-012',
        `${RPLC}/id/@root`,
        `the replaced document ${parentOid} is in the ${parent.repository} repository; send the replacement to POST /archive/${parent.repository}`,
      ),
    );
  if (!parent.valid)
    f.push(
      error(
        'CDA-VER-013',
        `${RPLC}/id/@root`,
        `the replaced document ${parentOid} was stored as invalid in rehearsal mode and does not count as archived; archive a valid original first`,
      ),
    );
  if (parent.status === 'nullified')
    f.push(
      error(
        'CDA-VER-006',
        `${RPLC}/id/@root`,
        `the replaced document ${parentOid} is nullified (${parent.nullification?.reason ?? 'no reason given'}); a nullified document cannot be replaced — archive a new document instead`,
      ),
    );
  else if (parent.status === 'replaced' || (input.setLatest && input.setLatest.oid !== parent.oid))
    f.push(
      error(
        'CDA-VER-007',
        `${RPLC}/id/@root`,
        `document ${parentOid} is not the latest version of its set; the latest is ${parent.replacedBy ?? input.setLatest?.oid ?? '?'} (version ${input.setLatest?.versionNumber ?? '?'}): replace that one`,
      ),
    );
  if (setId !== parent.setId)
    f.push(
      error(
        'CDA-VER-008',
        `${DOC}/setId/@root`,
        `a replacement keeps the setId of the document it replaces; ${expectedReceived(parent.setId, setId)}`,
      ),
    );
  if (header.versionNumber !== parent.versionNumber + 1)
    f.push(
      error(
        'CDA-VER-009',
        `${DOC}/versionNumber/@value`,
        `a replacement has the replaced version's number plus one; ${expectedReceived(String(parent.versionNumber + 1), header.versionNumber === undefined ? undefined : String(header.versionNumber))}`,
      ),
    );
  const rplc = header.replaces;
  if (rplc?.setId && documentOidOf(rplc.setId) !== parent.setId)
    f.push(
      error(
        'CDA-VER-010',
        `${RPLC}/setId/@root`,
        `parentDocument/setId disagrees with the archived document; ${expectedReceived(parent.setId, documentOidOf(rplc.setId))}`,
      ),
    );
  if (rplc?.versionNumber !== undefined && rplc.versionNumber !== parent.versionNumber)
    f.push(
      error(
        'CDA-VER-010',
        `${RPLC}/versionNumber/@value`,
        `parentDocument/versionNumber disagrees with the archived document; ${expectedReceived(String(parent.versionNumber), String(rplc.versionNumber))}`,
      ),
    );
  const patient = header.patient?.id.extension;
  if (parent.patient !== undefined && patient !== undefined && patient !== parent.patient)
    f.push(
      error(
        'CDA-VER-011',
        '/ClinicalDocument/recordTarget/patientRole/id/@extension',
        `a replacement concerns the same patient as the document it replaces; ${expectedReceived(parent.patient, patient)}. To move a document to another patient, nullify it and archive a new one`,
      ),
    );
  return { kind: 'replacement', parentOid, findings: f };
}
