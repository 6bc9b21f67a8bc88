/**
 * Answers to an archiving submission: an HL7 V3 application acknowledgement (`MCCI_HD000300UV01`,
 * acknowledgement typeCode AA accepted / AE application error / AR rejected), or the same as JSON when
 * the client sends `Accept: application/json`.
 *
 * Kanta's HL7 V3 messaging guide (HL7 V3 -sanomaliikenteen implementointi) names the application
 * acknowledgement `MCCI_HD000300UV01`, the Application Acknowledgement transmission wrapper (RMIM
 * MCCI_RM000300: id, creationTime, versionCode, interactionId, processingCode, processingModeCode,
 * acceptAckCode, …); `MCCI_IN000002UV01`, which kantasim answered with before, is the guide's
 * interaction of the accept acknowledgement (MCCI_HD000200UV01), a transport-level answer. In Kanta's
 * messages the root element is the interaction's id; the interaction the archive answers with is not
 * public, so kantasim names the root and `interactionId` after the wrapper [assumption]. Inside,
 * the acknowledgement is HL7 V3's: typeCode, targetMessage (the incoming message id) and one
 * acknowledgementDetail per finding (typeCode E/W/I, code = the finding code, text = the message,
 * location = the element path) [assumption: Kanta's detail codes are not public]. docs/archive.md
 * describes both forms.
 *
 * See: https://kanta.fi/documents/20143/133129/hl7v3-messaging-implementointi-2.20.1zip.zip/45e09e0b-c2fd-6e94-b900-129c37ba1399
 *
 * The texts are in the answer's language (`lang`: the caller's Accept-Language, else the operator's
 * default, Finnish as Kanta's), rendered from the catalogue; codes and paths are the same in every language.
 */
import { hl7Helsinki } from '../../common/hl7-time.ts';
import { randomUUID } from 'node:crypto';
import type { Lang } from '../../common/i18n/index.ts';
import { localise } from '../../common/rules/messages.ts';
import type { Finding } from '../domain/findings.ts';
import type { ArchivedDocument, ArchiveMessageMeta } from '../domain/cda.ts';

export type AckCode = 'AA' | 'AE' | 'AR';

/** Code system of kantasim finding codes in acknowledgementDetail/code (a UUID-derived OID, 2.25). */
export const FINDING_CODE_SYSTEM = `2.25.${BigInt('0x6b616e746173696d2d66696e64696e67').toString()}`;
/** The root element and interactionId of the acknowledgement (see the note at the top). */
export const ACK_INTERACTION = 'MCCI_HD000300UV01';
/** The simulated archive's device id, as the real receiver in the HUS sample. */
export const ARCHIVE_DEVICE_OID = '1.2.246.556.18007.2';

export interface AckInput {
  code: AckCode;
  findings: readonly Finding[];
  message?: ArchiveMessageMeta;
  document?: ArchivedDocument;
  documentOid?: string;
  outcome: string;
  mode: string;
  eventSeq?: number;
  now: Date;
  /** Language of the detail texts; without one, the English messages as raised. */
  lang?: Lang;
}

/** A finding's text in the acknowledgement's language. */
function textOf(f: Finding, lang: Lang | undefined): string {
  return lang === undefined ? f.message : localise(f, lang);
}

export interface AckJson {
  acknowledgement: AckCode;
  outcome: string;
  mode: string;
  documentOid?: string;
  setId?: string;
  versionNumber?: number;
  status?: string;
  valid?: boolean;
  targetMessage?: string;
  details: { typeCode: 'E' | 'W' | 'I'; code: string; severity: string; text: string; location: string }[];
  eventSeq?: number;
}

export function detailType(f: Finding): 'E' | 'W' | 'I' {
  switch (f.severity) {
    case 'fatal':
    case 'error':
      return 'E';
    case 'warning':
      return 'W';
    case 'information':
      return 'I';
  }
}

export function ackJson(input: AckInput): AckJson {
  const body: AckJson = {
    acknowledgement: input.code,
    outcome: input.outcome,
    mode: input.mode,
    details: input.findings.map((f) => ({
      typeCode: detailType(f),
      code: f.code,
      severity: f.severity,
      text: textOf(f, input.lang),
      location: f.path,
    })),
  };
  const oid = input.document?.oid ?? input.documentOid;
  if (oid !== undefined) body.documentOid = oid;
  if (input.document) {
    body.setId = input.document.setId;
    body.versionNumber = input.document.versionNumber;
    body.status = input.document.status;
    body.valid = input.document.valid;
  }
  const target = input.message?.messageId;
  if (target)
    body.targetMessage = target.extension === undefined ? target.root : `${target.root}^${target.extension}`;
  if (input.eventSeq !== undefined) body.eventSeq = input.eventSeq;
  return body;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => {
    switch (c) {
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '&':
        return '&amp;';
      case '"':
        return '&quot;';
      default:
        return '&apos;';
    }
  });
}

function idXml(id: { root: string; extension?: string }): string {
  return `<id root="${escapeXml(id.root)}"${id.extension === undefined ? '' : ` extension="${escapeXml(id.extension)}"`}/>`;
}

export function ackXml(input: AckInput): string {
  const uuid = BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString();
  const msg = input.message;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<${ACK_INTERACTION} xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0">`,
    `<id root="2.25.${uuid}"/>`,
    `<creationTime value="${hl7Helsinki(input.now)}"/>`,
    '<versionCode code="V3-2006"/>',
    `<interactionId root="2.16.840.1.113883.1.6" extension="${ACK_INTERACTION}"/>`,
    '<processingCode code="D"/>',
    '<processingModeCode code="T"/>',
    '<acceptAckCode code="NE"/>',
    `<receiver typeCode="RCV"><device>${msg?.senderDevice ? idXml(msg.senderDevice) : '<id nullFlavor="NI"/>'}</device></receiver>`,
    `<sender typeCode="SND"><device><id root="${ARCHIVE_DEVICE_OID}"/></device></sender>`,
    `<acknowledgement typeCode="${input.code}">`,
    `<targetMessage>${msg?.messageId ? idXml(msg.messageId) : '<id nullFlavor="NA"/>'}</targetMessage>`,
  ];
  for (const f of input.findings) {
    out.push(
      `<acknowledgementDetail typeCode="${detailType(f)}">`,
      `<code code="${escapeXml(f.code)}" codeSystem="${FINDING_CODE_SYSTEM}" codeSystemName="kantasim findings"/>`,
      `<text>${escapeXml(textOf(f, input.lang))}</text>`,
      `<location>${escapeXml(f.path)}</location>`,
      '</acknowledgementDetail>',
    );
  }
  out.push('</acknowledgement>', `</${ACK_INTERACTION}>`);
  const version = msg?.soapVersion;
  if (version === undefined) return out.join('\n');
  // A message that came in SOAP is answered in the same SOAP version.
  const ns =
    version === '1.1'
      ? 'http://schemas.xmlsoap.org/soap/envelope/'
      : 'http://www.w3.org/2003/05/soap-envelope';
  const [declaration, ...ack] = out;
  return [
    declaration,
    `<soap:Envelope xmlns:soap="${ns}">`,
    '<soap:Body>',
    ...ack,
    '</soap:Body>',
    '</soap:Envelope>',
  ].join('\n');
}

/** Content type of the XML answer: SOAP 1.2 has its own. */
export function ackContentType(message: ArchiveMessageMeta | undefined): string {
  return message?.soapVersion === '1.2'
    ? 'application/soap+xml; charset=utf-8'
    : 'application/xml; charset=utf-8';
}
