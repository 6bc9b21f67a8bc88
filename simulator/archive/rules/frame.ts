/**
 * Frame rules of an archiving message, both repositories (CDA-MSG-012, CDA-MSG-015…021, CDA-SOC-015,
 * CDA-SOC-016): the transmission wrapper (interactionId root, processingCode, processingModeCode,
 * acceptAckCode, receiver device) and the control act (its code per interaction and, for the Patient
 * Data Repository, the service request in reasonCode; the social-welfare reason codes are
 * `social-format.ts`'s CDA-SOC-010…012).
 *
 * How firm each rule is decides its severity:
 * - HL7 V3 itself fixes the interactionId root and the code tables of the three wrapper codes, and makes
 *   them and a receiver mandatory: a message that breaks that is an error (published).
 * - Which value of those tables Kanta expects, its receiver device, the controlAct code of each
 *   interaction and the PTA service request PP1 are only seen in public samples (the HUS messages of the
 *   Patient Data Repository, the vendor test frames of the social-welfare archive): another value is a
 *   warning, marked in the catalogue as kantasim's assumption. A reasonCode from another code system than
 *   the Patient Data Repository's service requests cannot be one of them: an error.
 * - An interaction that is itself kantasim's assumption (the social-welfare new version) gets an
 *   information finding saying so.
 *
 * Facts: docs/kanta.md#archive-messages, docs/kanta.md#social-welfare-client-data-repository. Pure: reads
 * the message element and what `envelope.ts` read from it.
 */
import { codeList } from '../../domain/code-lists.ts';
import { isCodeSystem } from '../../domain/codes.ts';
import { error, expectedReceived, warning, type Finding } from '../../domain/findings.ts';
import type { ArchiveMessageMeta } from '../../domain/cda.ts';
import type { Interaction, InteractionInfo } from '../envelope.ts';
import { attr, kid, type XmlNode } from '../xml.ts';

/** HL7's OID for interaction identifiers (the root of every interactionId). */
export const HL7_INTERACTION_OID = '2.16.840.1.113883.1.6';
/** Kanta's receiving device in every public sample message of both repositories. */
export const KANTA_RECEIVER_DEVICE = '1.2.246.556.18007.2';
/** The Patient Data Repository's archiving service request (Arkistoi palvelujen antajan omia asiakirjoja). */
export const PTA_ARCHIVING_REQUEST = 'PP1';

/** The three coded wrapper fields: their HL7 table and the value every public sample sends. */
const WRAPPER_CODES: readonly { element: string; table: string; codes: readonly string[]; seen: string }[] = [
  { element: 'processingCode', table: 'ProcessingID', codes: ['D', 'P', 'T'], seen: 'D' },
  { element: 'processingModeCode', table: 'ProcessingMode', codes: ['A', 'I', 'R', 'T'], seen: 'T' },
  {
    element: 'acceptAckCode',
    table: 'AcknowledgementCondition',
    codes: ['AL', 'ER', 'NE', 'SU'],
    seen: 'ER',
  },
];

const quoted = (value: string | undefined): string =>
  value === undefined || value === '' ? 'nothing' : `'${value}'`;

/** A value only the public samples show, and this message's other one (CDA-MSG-017). */
function unlikeSamples(base: string, element: string, received: string, seen: string): Finding {
  return warning(
    'CDA-MSG-017',
    `${base}/${element}`,
    `${element} is '${received}', but every public Kanta sample message sends ${seen}; Kanta publishes no rule for other values, so check the value the receiving environment expects`,
  );
}

export function checkFrame(
  root: XmlNode,
  interaction: Interaction,
  info: InteractionInfo,
  message: ArchiveMessageMeta,
): Finding[] {
  const base = `/${interaction}`;
  const f: Finding[] = [];
  const idRoot = attr(kid(root, 'interactionId'), 'root');
  if (idRoot !== HL7_INTERACTION_OID)
    f.push(
      error(
        'CDA-MSG-015',
        `${base}/interactionId/@root`,
        `interactionId/@root is HL7's OID for interaction identifiers; ${expectedReceived(HL7_INTERACTION_OID, idRoot)}`,
      ),
    );
  for (const w of WRAPPER_CODES) {
    const code = attr(kid(root, w.element), 'code');
    if (code === undefined || !w.codes.includes(code))
      f.push(
        error(
          'CDA-MSG-016',
          `${base}/${w.element}/@code`,
          `${w.element} is required and takes a code of the HL7 table ${w.table}; expected one of ${w.codes.join(', ')}, received ${quoted(code)}`,
        ),
      );
    else if (code !== w.seen) f.push(unlikeSamples(base, `${w.element}/@code`, code, w.seen));
  }
  const receiver = message.receiverDevice;
  if (!receiver)
    f.push(
      error(
        'CDA-MSG-018',
        `${base}/receiver/device/id`,
        `the message names no receiver device; give receiver/device/id, Kanta's device ${KANTA_RECEIVER_DEVICE} in the public samples`,
      ),
    );
  else if (receiver.root !== KANTA_RECEIVER_DEVICE)
    f.push(unlikeSamples(base, 'receiver/device/id/@root', receiver.root, KANTA_RECEIVER_DEVICE));

  // The controlAct code of each interaction, worded the same for both repositories.
  const control = message.controlActCode;
  if (control !== info.controlAct)
    f.push(
      warning(
        info.repository === 'social' ? 'CDA-SOC-015' : 'CDA-MSG-021',
        `${base}/controlActProcess/code/@code`,
        `controlActProcess/code of ${interaction} is ${info.controlAct}${info.basis === 'assumption' ? ' (a kantasim assumption)' : ''}; ${expectedReceived(info.controlAct, control)}`,
      ),
    );
  if (info.basis === 'assumption')
    f.push({
      code: 'CDA-SOC-016',
      severity: 'information',
      path: base,
      message: `${interaction} is kantasim's assumption for a social-welfare new version, by analogy with the Patient Data Repository; no public frame shows Kanta's own new-version message, so check it against Kanta's specifications before relying on it`,
    });
  if (info.repository === 'pta') f.push(...checkServiceRequest(base, interaction, message));
  return f;
}

/** The Patient Data Repository's service request (the first reasonCode). */
function checkServiceRequest(base: string, interaction: Interaction, message: ArchiveMessageMeta): Finding[] {
  const path = `${base}/controlActProcess/reasonCode`;
  const reason = message.reasonCode;
  const list = codeList('archiveServiceRequest');
  if (!reason)
    return [
      warning(
        'CDA-MSG-012',
        path,
        'no reasonCode (service request, e.g. PP1 from 1.2.246.537.5.40157); add it',
      ),
    ];
  if (!isCodeSystem(reason.codeSystem, 'archiveServiceRequest'))
    return [
      error(
        'CDA-MSG-019',
        `${path}/@codeSystem`,
        `the service request of ${interaction} comes from ${list.name.fi} (${list.oid}.${list.version ?? ''}), e.g. ${PTA_ARCHIVING_REQUEST}; received code '${reason.code}' of code system ${quoted(reason.codeSystem)}`,
      ),
    ];
  if (reason.code !== PTA_ARCHIVING_REQUEST)
    return [
      warning(
        'CDA-MSG-020',
        `${path}/@code`,
        `service request '${reason.code}' is not ${PTA_ARCHIVING_REQUEST} (Arkistoi palvelujen antajan omia asiakirjoja), the archiving request of the public sample messages; kantasim's list of ${list.name.fi} is partial, so check the code against the national code server`,
      ),
    ];
  return [];
}
