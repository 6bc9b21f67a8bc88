/**
 * The envelope of an archiving submission: HTTP content type, optional SOAP envelope, the HL7 V3
 * archiving message (`RCMR_IN100002FI01` new document, `RCMR_IN100016FI01` replacement) and the MIME
 * package inside it that carries the CDA document; or a bare CDA document.
 *
 * The social-welfare Client Data Repository has its own interactions: the archiving message
 * `RCMR_IN200002FI01` as client systems send it, with two reason codes (the service request from
 * 1.2.246.537.6.1503 and the usage context from 1.2.246.537.6.1289) and the register as the frame's
 * `clinicalDocument/code`. Each repository takes only its own interactions: `POST /archive/social`
 * refuses the Patient Data Repository's and `POST /archive/pta` the social-welfare ones (CDA-MSG-002,
 * naming the interaction to send). The frame's fields are checked in `rules/frame.ts`.
 *
 * Facts: docs/kanta.md#archive-messages; the HUS sample in tietolaurip/HUS-tietoallas-integration, Healthweb/src/test/resources/;
 * for social welfare the public vendor test frames in Warc0ck/SH-Kanta-validator (Testiasiakirjat/).
 * Finding codes CDA-MSG-001…011 (docs/archive.md).
 */
import { error, fatal, type Finding } from '../domain/findings.ts';
import type { ArchiveMessageMeta, CodedValue, InstanceId } from '../domain/cda.ts';
import { MAX_CDA_IDS } from '../http/limits.ts';
import { decodeXmlReferences } from '../xml/ordered.ts';
import { decodePart, parseMultipart } from './mime.ts';
import { checkFrame } from './rules/frame.ts';
import {
  HL7_V3_NS,
  SOAP11_NS,
  SOAP12_NS,
  attr,
  decodeUtf8,
  dig,
  kid,
  kids,
  parseXml,
  parseXmlBytes,
  type XmlNode,
} from './xml.ts';

export const INTERACTION_NEW = 'RCMR_IN100002FI01';
export const INTERACTION_REPLACE = 'RCMR_IN100016FI01';
export const INTERACTION_SOCIAL_NEW = 'RCMR_IN200002FI01';
export const INTERACTION_SOCIAL_REPLACE = 'RCMR_IN200016FI01';

export type Interaction =
  | typeof INTERACTION_NEW
  | typeof INTERACTION_REPLACE
  | typeof INTERACTION_SOCIAL_NEW
  | typeof INTERACTION_SOCIAL_REPLACE;

export interface InteractionInfo {
  /** The repository that takes the interaction. */
  repository: 'pta' | 'social';
  purpose: 'archive' | 'replace';
  /** The controlActProcess/code sent with it. */
  controlAct: string;
  /** Whether the interaction is published (specification or public frames) or kantasim's analogy. */
  basis: 'published' | 'assumption';
}

/**
 * The archiving interactions of both repositories, in one table so that a correction is one line. The
 * Patient Data Repository's pair and the social-welfare archiving message are published (the Medical
 * Records specification, the HUS samples, the public vendor test frames), and so are the controlAct codes
 * those show; the social-welfare replacement is kantasim's analogy with the Patient Data Repository
 * (`…100016…` → `…200016…`, controlAct RCMR_TE000910UV01): no public frame shows it.
 */
export const INTERACTIONS: Readonly<Record<Interaction, InteractionInfo>> = {
  [INTERACTION_NEW]: {
    repository: 'pta',
    purpose: 'archive',
    controlAct: 'RCMR_TE000102UV01',
    basis: 'published',
  },
  [INTERACTION_REPLACE]: {
    repository: 'pta',
    purpose: 'replace',
    controlAct: 'RCMR_TE000910UV01',
    basis: 'published',
  },
  [INTERACTION_SOCIAL_NEW]: {
    repository: 'social',
    purpose: 'archive',
    controlAct: 'RCMR_TE000102UV01',
    basis: 'published',
  },
  [INTERACTION_SOCIAL_REPLACE]: {
    repository: 'social',
    purpose: 'replace',
    controlAct: 'RCMR_TE000910UV01',
    basis: 'assumption',
  },
};

/** True for an interaction that replaces an earlier version (RPLC). */
export function isReplaceInteraction(interaction: Interaction | undefined): boolean {
  return interaction === INTERACTION_REPLACE || interaction === INTERACTION_SOCIAL_REPLACE;
}

/** True for the social-welfare repository's own interactions. */
export function isSocialInteraction(interaction: string | undefined): boolean {
  return interaction === INTERACTION_SOCIAL_NEW || interaction === INTERACTION_SOCIAL_REPLACE;
}

/** Code systems of the social-welfare frame's two reason codes (base OIDs). */
export const SOCIAL_SERVICE_REQUEST_OID = '1.2.246.537.6.1503';
export const SOCIAL_USAGE_CONTEXT_OID = '1.2.246.537.6.1289';

const XML_TYPES = new Set([
  'application/xml',
  'text/xml',
  'application/hl7-cda+xml',
  'application/soap+xml',
  'application/hl7-v3+xml',
]);

export interface Submission {
  /** A V3 message (possibly inside SOAP) or a bare CDA document. */
  kind: 'message' | 'cda';
  interaction?: Interaction;
  message?: ArchiveMessageMeta;
  /** The message's own copy of header metadata (`subject/clinicalDocument`), for cross-checks. */
  messageDocument?: { id?: string; registerCode?: CodedValue; setId?: string };
  /**
   * The message frame without its document payload (`clinicalDocument/text` emptied): its ids are
   * stored with the document and a social-welfare frame repeats the patient, so the identity rules
   * read it too.
   */
  frame?: XmlNode;
  /**
   * The message as written (its text, comments and MIME headers included) without the base64 of the
   * document's MIME part: what the identity guard reads of the frame as written. The base64 itself is
   * read decoded, as the document; its characters are no text anyone reads.
   */
  frameText?: string;
  /** The CDA document, byte-exact as received (decoded from base64 for a message). */
  cdaBytes: Uint8Array;
  cda: XmlNode;
}

export type EnvelopeResult =
  | { ok: true; submission: Submission; findings: Finding[] }
  | { ok: false; findings: Finding[]; message?: ArchiveMessageMeta };

export function instanceId(node: XmlNode | undefined): InstanceId | undefined {
  if (!node) return undefined;
  const root = attr(node, 'root');
  const nullFlavor = attr(node, 'nullFlavor');
  if (root === undefined && nullFlavor === undefined) return undefined;
  const id: InstanceId = { root: root ?? '' };
  const extension = attr(node, 'extension');
  if (extension !== undefined) id.extension = extension;
  if (nullFlavor !== undefined) id.nullFlavor = nullFlavor;
  return id;
}

export function codedValue(node: XmlNode | undefined): CodedValue | undefined {
  const code = attr(node, 'code');
  if (!node || code === undefined) return undefined;
  const cv: CodedValue = { code, codeSystem: attr(node, 'codeSystem') ?? '' };
  const name = attr(node, 'codeSystemName');
  if (name !== undefined) cv.codeSystemName = name;
  const display = attr(node, 'displayName');
  if (display !== undefined) cv.displayName = display;
  return cv;
}

/**
 * Refuses a document with more `id` elements than MAX_CDA_IDS: every identifier is checked against the
 * registries and the identity rules, so their number bounds the work (and the findings) of one intake.
 */
function idLimit(cda: XmlNode, path: string): Finding | undefined {
  let ids = 0;
  const stack: XmlNode[] = [cda];
  while (stack.length > 0) {
    const node = stack.pop() as XmlNode;
    if (node.name === 'id' && node.ns === HL7_V3_NS && ++ids > MAX_CDA_IDS)
      return fatal(
        'CDA-LIMIT-002',
        path,
        `the CDA document has more than ${MAX_CDA_IDS} id elements, the limit of one document; send a smaller document`,
      );
    for (const child of node.children) stack.push(child);
  }
  return undefined;
}

/** A submission refused before its message is read: one fatal finding. */
function refused(code: string, path: string, message: string): EnvelopeResult {
  return { ok: false, findings: [fatal(code, path, message)] };
}

/** Reads the HTTP body of `POST /archive/{repository}` (`repository` decides which interactions are accepted). */
export function readSubmission(
  body: Uint8Array,
  contentType: string | undefined,
  maxBytes: number,
  repository: 'pta' | 'social' = 'pta',
): EnvelopeResult {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!XML_TYPES.has(mediaType)) {
    return refused(
      'CDA-MSG-001',
      'Content-Type',
      `Content-Type '${mediaType === '' ? 'none' : mediaType}' is not accepted; send the HL7 V3 message (optionally in SOAP) or the CDA document as application/hl7-v3+xml, application/xml, text/xml, application/soap+xml or application/hl7-cda+xml`,
    );
  }
  if (body.byteLength > maxBytes)
    return refused('CDA-XML-001', '/', `the body is larger than the limit of ${maxBytes} bytes`);
  const decoded = decodeUtf8(body, '/');
  if (!decoded.ok) return decoded;
  const parsed = parseMessage(decoded.text, maxBytes, body);
  if (!parsed.ok) return parsed;
  let root = parsed.root;
  let soap: false | '1.1' | '1.2' = false;
  if (root.name === 'Envelope' && (root.ns === SOAP11_NS || root.ns === SOAP12_NS)) {
    soap = root.ns === SOAP11_NS ? '1.1' : '1.2';
    const inner = kid(root, 'Body', root.ns)?.children[0];
    if (!inner)
      return refused(
        'CDA-MSG-003',
        '/Envelope/Body',
        repository === 'social'
          ? `the SOAP Body is empty; put the ${INTERACTION_SOCIAL_NEW} message in it`
          : `the SOAP Body is empty; put the ${INTERACTION_NEW} or ${INTERACTION_REPLACE} message in it`,
      );
    root = inner;
  }
  if (root.ns === HL7_V3_NS && root.name === 'ClinicalDocument') {
    if (soap)
      return refused(
        'CDA-MSG-002',
        '/Envelope/Body/ClinicalDocument',
        'a SOAP Body must carry an HL7 V3 archiving message, not a bare CDA document',
      );
    const ids = idLimit(root, '/ClinicalDocument');
    if (ids) return { ok: false, findings: [ids] };
    return { ok: true, submission: { kind: 'cda', cdaBytes: body, cda: root }, findings: [] };
  }
  if (root.ns === HL7_V3_NS && (root.name === INTERACTION_NEW || root.name === INTERACTION_REPLACE)) {
    if (repository === 'pta') return readMessage(root, root.name, soap, maxBytes, decoded.text);
    // The mirror of a social-welfare message at the Patient Data Repository (below): name what to send.
    return refused(
      'CDA-MSG-002',
      `/${root.name}`,
      root.name === INTERACTION_NEW
        ? `${root.name} is a message of the Patient Data Repository; the social-welfare Client Data Repository takes ${INTERACTION_SOCIAL_NEW}: send that message to POST /archive/social, or this one to POST /archive/pta`
        : `${root.name} is a replacement of the Patient Data Repository; the social-welfare Client Data Repository's new version is ${INTERACTION_SOCIAL_REPLACE} in kantasim (an assumption: no public frame shows it): send that message to POST /archive/social, or this one to POST /archive/pta`,
    );
  }
  if (root.ns === HL7_V3_NS && isSocialInteraction(root.name)) {
    if (repository === 'social')
      return readMessage(root, root.name as Interaction, soap, maxBytes, decoded.text);
    return refused(
      'CDA-MSG-002',
      `/${root.name}`,
      `${root.name} is a message of the social-welfare Client Data Repository; send it to POST /archive/social, not to the Patient Data Repository`,
    );
  }
  if (repository === 'social')
    return refused(
      'CDA-MSG-002',
      `/${root.name}`,
      `root element {${root.ns}}${root.name} is not accepted; send ${INTERACTION_SOCIAL_NEW} (archiving a social-welfare document)${INTERACTIONS[INTERACTION_SOCIAL_REPLACE].basis === 'assumption' ? ` or ${INTERACTION_SOCIAL_REPLACE} (new version, a kantasim assumption)` : ''}, or a ClinicalDocument, in namespace ${HL7_V3_NS}`,
    );
  return refused(
    'CDA-MSG-002',
    `/${root.name}`,
    `root element {${root.ns}}${root.name} is not accepted; send ${INTERACTION_NEW} (new document), ${INTERACTION_REPLACE} (replacement) or a ClinicalDocument, in namespace ${HL7_V3_NS}`,
  );
}

function readMessage(
  root: XmlNode,
  interaction: Interaction,
  soap: false | '1.1' | '1.2',
  maxBytes: number,
  text: string,
): EnvelopeResult {
  const base = `/${interaction}`;
  const findings: Finding[] = [];
  const interactionId = attr(kid(root, 'interactionId'), 'extension');
  const message: ArchiveMessageMeta = { interactionId: interactionId ?? interaction, soap: soap !== false };
  if (soap !== false) message.soapVersion = soap;
  const messageId = instanceId(kid(root, 'id'));
  if (messageId) message.messageId = messageId;
  const creationTime = attr(kid(root, 'creationTime'), 'value');
  if (creationTime !== undefined) message.creationTime = creationTime;
  const sender = instanceId(dig(root, 'sender', 'device', 'id'));
  if (sender) message.senderDevice = sender;
  const receiver = instanceId(dig(root, 'receiver', 'device', 'id'));
  if (receiver) message.receiverDevice = receiver;
  const control = kid(root, 'controlActProcess');
  const controlCode = attr(kid(control, 'code'), 'code');
  if (controlCode !== undefined) message.controlActCode = controlCode;
  const social = isSocialInteraction(interaction);
  const reasons = kids(control, 'reasonCode')
    .map((n) => codedValue(n))
    .filter((cv): cv is CodedValue => cv !== undefined);
  // The social frame carries two reason codes in either order: the service request and the usage context.
  const reason = social
    ? (reasons.find((cv) => baseOf(cv.codeSystem) === SOCIAL_SERVICE_REQUEST_OID) ??
      reasons.find((cv) => baseOf(cv.codeSystem) !== SOCIAL_USAGE_CONTEXT_OID))
    : reasons[0];
  if (reason) message.reasonCode = reason;
  const usage = social ? reasons.find((cv) => baseOf(cv.codeSystem) === SOCIAL_USAGE_CONTEXT_OID) : undefined;
  if (usage) message.usageContext = usage;
  const org = attr(
    dig(control, 'authorOrPerformer', 'assignedPerson', 'representedOrganization', 'id'),
    'root',
  );
  if (org !== undefined) message.representedOrganisation = org;

  if (interactionId !== interaction)
    findings.push(
      error(
        'CDA-MSG-004',
        `${base}/interactionId/@extension`,
        `interactionId/@extension is '${interactionId ?? ''}' but the message is ${interaction}; make them equal`,
      ),
    );
  if (!sender)
    findings.push(
      error(
        'CDA-MSG-011',
        `${base}/sender/device/id`,
        'the message names no sender device; give sender/device/id of your registered connection point',
      ),
    );
  // The wrapper, the controlAct code and the PTA service request; a social frame's service request and
  // usage context are CDA-SOC-010…012 (rules/social-format.ts).
  findings.push(...checkFrame(root, interaction, INTERACTIONS[interaction], message));

  const docNode = dig(control, 'subject', 'clinicalDocument');
  const textNode = kid(docNode, 'text');
  const textPath = `${base}/controlActProcess/subject/clinicalDocument/text`;
  if (!textNode || attr(textNode, 'mediaType') !== 'multipart/related') {
    return {
      ok: false,
      message,
      findings: [
        ...findings,
        fatal(
          'CDA-MSG-005',
          textPath,
          'no subject/clinicalDocument/text with mediaType="multipart/related"; put the MIME package with the CDA document there',
        ),
      ],
    };
  }
  const documentId = attr(kid(docNode, 'id'), 'root');
  const messageDocument: Submission['messageDocument'] = {};
  if (documentId !== undefined) messageDocument.id = documentId;
  const reg = codedValue(kid(docNode, 'code'));
  if (reg) messageDocument.registerCode = reg;
  const frameSet = attr(kid(docNode, 'setId'), 'root');
  if (frameSet !== undefined) messageDocument.setId = frameSet;

  const mime = parseMultipart(textNode.text);
  if (!mime.ok)
    return { ok: false, message, findings: [...findings, fatal('CDA-MSG-006', textPath, mime.problem)] };
  const part = documentId === undefined ? undefined : mime.parts.find((p) => p.contentId === documentId);
  if (!part) {
    const ids = mime.parts.map((p) => p.contentId ?? '(none)').join(', ');
    return {
      ok: false,
      message,
      findings: [
        ...findings,
        fatal(
          'CDA-MSG-007',
          textPath,
          `no MIME part has Content-ID <${documentId ?? '?'}> (the document OID in subject/clinicalDocument/id); parts have Content-ID ${ids}`,
        ),
      ],
    };
  }
  const bytes = decodePart(part);
  if (!bytes)
    return {
      ok: false,
      message,
      findings: [
        ...findings,
        fatal(
          'CDA-MSG-008',
          `${textPath}[Content-ID=${part.contentId ?? ''}]`,
          'the MIME part is not valid base64; encode the CDA document with base64',
        ),
      ],
    };
  const partPath = `${textPath}[Content-ID=${part.contentId ?? ''}]`;
  const parsed = parseXmlBytes(bytes, partPath, maxBytes);
  if (!parsed.ok) return { ok: false, message, findings: [...findings, ...parsed.findings] };
  const ids = idLimit(parsed.root, partPath);
  if (ids) return { ok: false, message, findings: [...findings, ids] };
  return {
    ok: true,
    submission: {
      kind: 'message',
      interaction,
      message,
      messageDocument,
      cdaBytes: bytes,
      cda: parsed.root,
      frame: withoutPayload(root),
      frameText: withoutBase64(text, part.body),
    },
    findings,
  };
}

/**
 * `text` without the base64 `body` of the document's part, when it sits there exactly once as written
 * (a part whose line ends XML normalised, or whose content repeats, keeps the whole text). A line break
 * stands in its place, so the text around it does not join into something new.
 */
function withoutBase64(text: string, body: string): string {
  if (body.length < 64) return text;
  const probe = body.slice(0, 64);
  const at = text.indexOf(probe);
  if (at < 0 || !text.startsWith(body, at) || text.includes(probe, at + 1)) return text;
  return `${text.slice(0, at)}\n${text.slice(at + body.length)}`;
}

/**
 * The MIME payload of an archiving message (`subject/clinicalDocument/text`, 90 % of a message's bytes)
 * is plain text: base64 and a few header lines, no markup and no references. Parsing it as XML only to
 * copy it out costs most of the message's parse, so it is cut out before parsing and put back into its
 * element afterwards, with XML's line-end normalisation applied (what the parser would have produced).
 * Everything else of the text still goes through the one safe parser (`parseXml`): the DOCTYPE and
 * entity checks see the whole text, and well-formedness is checked on the frame, around a payload that
 * has no `<` or `&` and so cannot change it. When the cut is not certain (the matched element is not
 * the one the envelope reads, e.g. it sits in a comment), the whole text is parsed as it is.
 */
const PAYLOAD_OPEN =
  /<((?:[A-Za-z_][\w.-]*:)?text)\s[^<>]*\bmediaType\s*=\s*(["'])multipart\/related\2[^<>]*(?<!\/)>/;

/** A predefined entity or a character reference, at the position it is tried (sticky). */
const REFERENCE_AT = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/y;

/**
 * True when an `&` does not start a predefined entity or a character reference (left to the parser's
 * finding): each `&` is found with indexOf and tried in place, so the base64 is not run through a regex.
 */
function badReference(payload: string): boolean {
  for (let at = payload.indexOf('&'); at >= 0; at = payload.indexOf('&', at + 1)) {
    REFERENCE_AT.lastIndex = at;
    if (!REFERENCE_AT.test(payload)) return true;
  }
  return false;
}

/** Parses the body of a submission: once, with the MIME payload cut out when that is safe (exported for its equivalence test). */
export function parseMessage(
  text: string,
  maxBytes: number,
  bytes?: Uint8Array,
): ReturnType<typeof parseXml> {
  const cut = cutPayload(text);
  if (cut === undefined) return parseXml(text, '/', maxBytes, bytes);
  const parsed = parseXml(cut.frame, '/', maxBytes);
  const node = parsed.ok ? payloadNode(parsed.root) : undefined;
  if (!parsed.ok || node?.text !== cut.token) return parseXml(text, '/', maxBytes, bytes);
  const lines = cut.payload.includes('\r') ? cut.payload.replace(/\r\n?/g, '\n') : cut.payload;
  // References sit in the MIME headers (`Content-ID: &lt;…&gt;`), never in the base64 after them: only
  // the text up to the last one is decoded, the rest is kept as it is instead of being copied again.
  const last = lines.lastIndexOf('&');
  const upTo = last < 0 ? 0 : lines.indexOf(';', last) + 1 || lines.length;
  node.text = upTo === 0 ? lines : decodeXmlReferences(lines.slice(0, upTo)) + lines.slice(upTo);
  return parsed;
}

function cutPayload(text: string): { frame: string; payload: string; token: string } | undefined {
  const open = PAYLOAD_OPEN.exec(text);
  if (!open) return undefined;
  const start = open.index + open[0].length;
  const end = text.indexOf(`</${open[1] ?? 'text'}`, start);
  if (end < 0) return undefined;
  const payload = text.slice(start, end);
  if (payload.includes('<') || badReference(payload)) return undefined;
  // The token must not occur in the frame around it (the payload itself is cut out, so it may).
  const head = text.slice(0, start);
  const tail = text.slice(end);
  let token = 'kantasim-mime-payload';
  while (head.includes(token) || tail.includes(token)) token += '-x';
  return { frame: head + token + tail, payload, token };
}

/** The element `readMessage` reads the MIME package from, found the same way (SOAP Body first). */
function payloadNode(root: XmlNode): XmlNode | undefined {
  let message: XmlNode | undefined = root;
  if (root.name === 'Envelope' && (root.ns === SOAP11_NS || root.ns === SOAP12_NS))
    message = kid(root, 'Body', root.ns)?.children[0];
  if (message?.ns !== HL7_V3_NS) return undefined;
  return kid(dig(kid(message, 'controlActProcess'), 'subject', 'clinicalDocument'), 'text');
}

/** The base OID of a code system written with or without its version suffix (`….1503.201601`). */
function baseOf(system: string): string {
  return system.replace(/\.(19|20)\d{2}(\d{2})?$/, '');
}

/** A copy of the frame without the MIME payload, whose base64 the identity rules need not read. */
function withoutPayload(node: XmlNode): XmlNode {
  return {
    ...node,
    text: node.name === 'text' ? '' : node.text,
    children: node.name === 'text' ? [] : node.children.map(withoutPayload),
  };
}
