/**
 * Answers to an archiving submission: an HL7 V3 application acknowledgement (`MCCI_IN000002UV01`,
 * acknowledgement typeCode AA accepted / AE application error / AR rejected), or the same as JSON when
 * the client sends `Accept: application/json`.
 *
 * Kanta's exact acknowledgement interaction is not public [NF]; kantasim answers with the generic HL7 V3
 * MCCI_IN000002UV01 shape, one acknowledgementDetail per finding (typeCode E/W/I, code = the finding
 * code, text = the message, location = the element path). docs/archive.md describes both forms.
 * The texts are in the answer's language (`lang`: the caller's Accept-Language, else the operator's
 * default, Finnish as Kanta's), rendered from the catalogue; codes and paths are the same in every language.
 */
import { randomUUID } from 'node:crypto';
import type { Lang } from '../../common/i18n/index.ts';
import { localise } from '../../common/rules/messages.ts';
import type { Finding } from '../domain/findings.ts';
import type { ArchivedDocument, ArchiveMessageMeta } from '../domain/cda.ts';

export type AckCode = 'AA' | 'AE' | 'AR';

/** Code system of kantasim finding codes in acknowledgementDetail/code (a UUID-derived OID, 2.25). */
export const FINDING_CODE_SYSTEM = `2.25.${BigInt('0x6b616e746173696d2d66696e64696e67').toString()}`;
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

/** HL7 TS of a date, UTC: YYYYMMDDHHMMSS. */
export function hl7Ts(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function idXml(id: { root: string; extension?: string }): string {
  return `<id root="${escapeXml(id.root)}"${id.extension === undefined ? '' : ` extension="${escapeXml(id.extension)}"`}/>`;
}

export function ackXml(input: AckInput): string {
  const uuid = BigInt(`0x${randomUUID().replace(/-/g, '')}`).toString();
  const msg = input.message;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<MCCI_IN000002UV01 xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0">',
    `<id root="2.25.${uuid}"/>`,
    `<creationTime value="${hl7Ts(input.now)}"/>`,
    '<versionCode code="V3-2006"/>',
    '<interactionId root="2.16.840.1.113883.1.6" extension="MCCI_IN000002UV01"/>',
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
  out.push('</acknowledgement>', '</MCCI_IN000002UV01>');
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
