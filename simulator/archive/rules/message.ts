/**
 * Message-versus-content rules (CDA-MSG-009, CDA-MSG-013): the metadata the HL7 V3 message repeats in
 * `controlActProcess/subject/clinicalDocument` must agree with the CDA document it carries. (Whether the
 * interaction matches the content — RPLC for RCMR_IN100016FI01 — is CDA-MSG-010 in versions.ts.)
 *
 * Facts: docs/kanta.md#archive-messages (subject/clinicalDocument repeats header metadata).
 */
import { error, expectedReceived, warning, type Finding } from '../../domain/findings.ts';
import type { CdaHeader } from '../../domain/cda.ts';
import type { Submission } from '../envelope.ts';

const SUBJECT = '/controlActProcess/subject/clinicalDocument';

export function checkMessageContent(sub: Submission, header: CdaHeader): Finding[] {
  if (sub.kind !== 'message' || !sub.messageDocument) return [];
  const f: Finding[] = [];
  const { id, registerCode } = sub.messageDocument;
  if (id !== header.id.root)
    f.push(
      error(
        'CDA-MSG-009',
        `${SUBJECT}/id/@root`,
        `the message's clinicalDocument/id must be the OID of the CDA document it carries; ${expectedReceived(header.id.root, id)}`,
      ),
    );
  if (
    registerCode &&
    header.registerCode &&
    (registerCode.code !== header.registerCode.code ||
      registerCode.codeSystem !== header.registerCode.codeSystem)
  )
    f.push(
      warning(
        'CDA-MSG-013',
        `${SUBJECT}/code`,
        `the message's clinicalDocument/code (${registerCode.code}) differs from the document's register code (${header.registerCode.code}); send the same register in both`,
      ),
    );
  return f;
}
