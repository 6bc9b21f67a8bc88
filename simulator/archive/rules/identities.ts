/**
 * Identity rules (CDA-ID-001…008), the archive's part of the identity guard (`domain/identity-guard.ts`,
 * table `GUARD_CHECKS`): every personal identity code anywhere in the document must be a checksum-valid
 * test-range code (900–999) unless the operator allows real identities; the patient may instead carry a
 * temporary ID, accepted without checksum and flagged, unless its value is a real person's code.
 *
 * Where identity codes sit: any element with `@root="1.2.246.21"` (`@extension` is the code), e.g.
 * patientRole/id, assignedAuthor/id; and any coded element with `@codeSystem="1.2.246.21"` (`@code` is
 * the code), e.g. the section-level relatedSubject/code. Roots are compared without white space. Every
 * other attribute value and text node (narrative, names, other ids) must not contain a real code, and
 * neither may anything else the stored bytes hold (`identity-scan.ts`): comments, processing
 * instructions, namespace declarations, what sits before and after the root element, and the text a
 * reader sees across inline markup. Base64 content (`@representation="B64"`, whatever its media type,
 * inflated when compressed with DF, GZ or ZL, and the social-welfare `hl7fi:json`) is decoded and its
 * bytes searched the same way; a PDF's shown text is read from its content streams (`pdf-text.ts`);
 * what other binary formats hide (images) is not found (docs/archive.md).
 *
 * See: https://www.kanta.fi/en/system-developers/test-etiquette
 */
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { error, guarded, isBlocking, warning, type Finding } from '../../domain/findings.ts';
import { HETU_OID, validateTestHetu } from '../../domain/hetu.ts';
import {
  classify,
  findRealCodeDeep,
  findRealCodes,
  invalidReason,
  isTemporarySystem,
  normaliseSystem,
} from '../../domain/identity-guard.ts';
import type { CdaHeader } from '../../domain/cda.ts';
import { decodeBase64 } from '../social-body.ts';
import { HL7_FI_NS, type XmlNode } from '../xml.ts';
import { scanXmlText, type ScanHit } from './identity-scan.ts';
import { isPdf, readPdfText } from './pdf-text.ts';

const PATIENT_ID = '/ClinicalDocument/recordTarget/patientRole/id';

/** What one identity check collects: its findings, and the real codes they name (upper case). */
interface Found {
  f: Finding[];
  seen: Set<string>;
}

function check(
  code: string,
  value: string | undefined,
  path: string,
  who: string,
  allowReal: boolean,
  { f, seen }: Found,
): void {
  if (value === undefined || value === '') {
    f.push(error('CDA-ID-001', path, `${who}: the identity code is empty; give the 11-character code`));
    return;
  }
  const result = validateTestHetu(value, { allowReal });
  if (result.ok) {
    if (result.hetu.range === 'person')
      f.push(
        warning(
          'CDA-ID-006',
          path,
          `${who}: identity code ${value} is in the real-person range and was accepted only because the operator turned on allowRealIdentities; use Kela-issued test codes`,
        ),
      );
    return;
  }
  if (result.problem.reason === 'real-person-range' || classify(value) === 'real') {
    f.push(realCode(path, who, value));
    see(seen, value);
    return;
  }
  f.push(
    error(
      code,
      path,
      `${who}: identity code '${value}' is not valid (${invalidReason(value) ?? result.problem.message}); give a checksum-valid test code`,
    ),
  );
}

/** CDA-ID-002, worded without the code itself. */
function realCode(path: string, who: string, value: string): Finding {
  return guarded(
    error(
      'CDA-ID-002',
      path,
      `${who}: identity code ${value} is in the real-person range (individual number 002–899); only Kela-issued 900-series test codes are accepted unless the server runs with --allow-real-identities. Use a Kela-issued test code`,
    ),
  );
}

function see(seen: Set<string>, value: string): void {
  for (const code of findRealCodes(value)) seen.add(code.toUpperCase());
  seen.add(value.trim().toUpperCase());
}

/**
 * Checks the patient identifier and every other identity code in the document. `bytes`, the document
 * as received, are scanned as written too (`identity-scan.ts`): comments, processing instructions,
 * namespace declarations, the text around the root element and text split by markup.
 */
export function checkIdentities(
  root: XmlNode,
  header: CdaHeader,
  allowReal: boolean,
  bytes?: Uint8Array,
): Finding[] {
  const found: Found = { f: [], seen: new Set() };
  const { f } = found;
  const patient = header.patient;
  if (patient) {
    // The header compares roots exactly; the guard also recognises them written with spaces.
    const oid = normaliseSystem(patient.id.root);
    const idKind =
      patient.idKind !== 'other' || oid === undefined
        ? patient.idKind
        : oid === HETU_OID
          ? 'hetu'
          : isTemporarySystem(oid)
            ? 'temporary'
            : 'other';
    switch (idKind) {
      case 'hetu':
        break; // checked with everything else in the walk below
      case 'temporary':
        if (patient.id.extension !== undefined && classify(patient.id.extension, oid) === 'real') {
          if (!allowReal) {
            f.push(realCode(`${PATIENT_ID}/@extension`, 'patient (temporary ID)', patient.id.extension));
            see(found.seen, patient.id.extension);
          }
        } else if (patient.id.extension === undefined || patient.id.extension === '')
          f.push(
            error(
              'CDA-ID-001',
              `${PATIENT_ID}/@extension`,
              'the temporary ID has no value; give it in @extension',
            ),
          );
        else
          f.push({
            code: 'CDA-ID-005',
            severity: 'information',
            path: PATIENT_ID,
            message: `the patient has a temporary ID (${patient.id.root}); it is accepted without checksum and shown as temporary`,
          });
        break;
      case 'other':
        f.push(
          error(
            'CDA-ID-003',
            `${PATIENT_ID}/@root`,
            `patient id root ${patient.id.root} is neither the identity code (1.2.246.21) nor a temporary-ID root (1.2.246.10.<org>.22.<year>); use one of them`,
          ),
        );
        break;
    }
  }
  walk(root, '/ClinicalDocument', allowReal, found);
  if (!allowReal && bytes !== undefined) asWritten(bytes, found);
  // Every blocking identity finding is the identity guard's: rehearsal never stores past it.
  return f.map((x) => (isBlocking(x) ? guarded(x) : x));
}

/**
 * The identity codes of the message frame around the document (either repository): its ids (the message
 * id is stored with the document), and in a social-welfare frame the repeated patient and the person
 * who sends. The same walk as the document's, then `body`, the whole request (or its text without the
 * document's base64, `Submission.frameText`), read as written (comments, the MIME headers, preamble and
 * epilogue of the payload), so a real-range code is refused wherever it is.
 */
export function checkFrameIdentities(
  frame: XmlNode,
  allowReal: boolean,
  body?: Uint8Array | string,
): Finding[] {
  const found: Found = { f: [], seen: new Set() };
  walk(frame, `/${frame.name}`, allowReal, found);
  if (!allowReal && body !== undefined) asWritten(body, found);
  return found.f.map((x) => (isBlocking(x) ? guarded(x) : x));
}

function walk(node: XmlNode, here: string, allowReal: boolean, found: Found): void {
  const { f } = found;
  const root = node.attrs.root === undefined ? undefined : normaliseSystem(node.attrs.root);
  const checked = new Set<string>();
  if (root === HETU_OID) {
    checked.add('extension');
    const who = here === PATIENT_ID ? 'patient' : `person at ${here}`;
    check(
      here === PATIENT_ID ? 'CDA-ID-001' : 'CDA-ID-004',
      node.attrs.extension,
      `${here}/@extension`,
      who,
      allowReal,
      found,
    );
    if (node.attrs.root !== HETU_OID)
      f.push(
        warning(
          'CDA-ID-008',
          `${here}/@root`,
          `root '${node.attrs.root ?? ''}' names the identity code system but is written differently; write it exactly ${HETU_OID}`,
        ),
      );
  } else if (root !== undefined && isTemporarySystem(root) && here !== PATIENT_ID) {
    const value = node.attrs.extension;
    checked.add('extension');
    if (value !== undefined && classify(value, root) === 'real' && !allowReal) {
      f.push(realCode(`${here}/@extension`, `temporary ID at ${here}`, value));
      see(found.seen, value);
    }
  } else if (root !== undefined && isTemporarySystem(root)) {
    checked.add('extension'); // the patient's temporary ID: checked in checkIdentities
  }
  if (node.attrs.codeSystem !== undefined && normaliseSystem(node.attrs.codeSystem) === HETU_OID) {
    checked.add('code');
    check('CDA-ID-004', node.attrs.code, `${here}/@code`, `person at ${here}`, allowReal, found);
  }
  if (!allowReal) {
    for (const [name, value] of Object.entries(node.attrs))
      if (!checked.has(name)) freeText(value, `${here}/@${name}`, found);
    freeText(node.text, `${here}/text()`, found);
    encoded(node, `${here}/text()`, found);
  }
  const counts = new Map<string, number>();
  const totals = new Map<string, number>();
  for (const c of node.children) totals.set(c.name, (totals.get(c.name) ?? 0) + 1);
  for (const child of node.children) {
    const n = (counts.get(child.name) ?? 0) + 1;
    counts.set(child.name, n);
    const prefix = child.ns === HL7_FI_NS ? 'hl7fi:' : '';
    const step =
      (totals.get(child.name) ?? 0) > 1 ? `${prefix}${child.name}[${n}]` : `${prefix}${child.name}`;
    walk(child, `${here}/${step}`, allowReal, found);
  }
}

/** CDA-ID-007: a real person's code in an attribute or text that is not an identity field. */
function freeText(value: string, path: string, { f, seen }: Found): void {
  const codes = findRealCodes(value);
  if (codes.length === 0) return;
  for (const code of codes) seen.add(code.toUpperCase());
  f.push(
    guarded(
      error(
        'CDA-ID-007',
        path,
        `this text contains a real person's identity code (${codes.join(', ')}); narrative, names and other ids must not carry one: remove it or use a Kela-issued test code`,
      ),
    ),
  );
}

/** CDA-ID-007 for what the scan of the text as written found and the walk did not. */
function asWritten(bytes: Uint8Array | string, found: Found): void {
  // A Latin-1 view: codes are ASCII, and UTF-8 puts no ASCII byte inside a multi-byte character.
  const text =
    typeof bytes === 'string'
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  for (const hit of scanXmlText(text, found.seen)) {
    const code = hit.code.toUpperCase();
    if (found.seen.has(code)) continue;
    found.seen.add(code);
    found.f.push(guarded(error('CDA-ID-007', hit.path, markupMessage(hit))));
  }
}

function markupMessage({ kind, code, line }: ScanHit): string {
  const fix = 'remove it or use a Kela-issued test code';
  switch (kind) {
    case 'comment':
      return `a comment (line ${line}) contains a real person's identity code (${code}); comments are stored with the document: ${fix}`;
    case 'pi':
      return `a processing instruction (line ${line}) contains a real person's identity code (${code}); processing instructions are stored with the document: ${fix}`;
    case 'namespace':
      return `a namespace declaration (line ${line}) contains a real person's identity code (${code}); declarations are stored with the document: ${fix}`;
    case 'name':
      return `an element or attribute name (line ${line}) contains a real person's identity code (${code}); names are stored with the document: ${fix}`;
    case 'split':
      return `the text read across elements contains a real person's identity code (${code}) (line ${line}); a reader sees it whole although markup splits it: ${fix}`;
    case 'text':
    case 'attribute':
      return `this text contains a real person's identity code (${code}); narrative, names and other ids must not carry one: ${fix}`;
  }
}

/** Largest inflated size of compressed base64 content that is read (the body limit's default). */
const MAX_INFLATED_BYTES = 20 * 1024 * 1024;

/** HL7 `@compression` codes that Node's zlib reads: deflate (raw), gzip, zlib. */
const INFLATE: Readonly<Record<string, (b: Uint8Array) => Buffer>> = {
  DF: (b) => inflateRawSync(b, { maxOutputLength: MAX_INFLATED_BYTES }),
  GZ: (b) => gunzipSync(b, { maxOutputLength: MAX_INFLATED_BYTES }),
  ZL: (b) => inflateSync(b, { maxOutputLength: MAX_INFLATED_BYTES }),
};

/**
 * CDA-ID-007 for a real code inside base64 content: any element with `@representation="B64"` and the
 * social-welfare `hl7fi:json` part. The content is decoded whatever its `@mediaType` says (a viewer
 * may decode what is declared a PDF), within the size of the text it came in (three bytes for four
 * characters, so the body limit bounds it), and inflated when `@compression` is DF, GZ or ZL (at most
 * MAX_INFLATED_BYTES). Its bytes are searched as characters one byte each (UTF-8 and ASCII text; codes
 * are ASCII), also as UTF-16 when they hold NUL bytes, and XML (a text starting with `<`) is read as
 * written, markup included. A PDF (by its bytes) is also read for the text its pages show
 * (`pdf-text.ts`: FlateDecode streams inflated, strings decoded, kerned pieces joined). What other binary
 * formats hide (images) is not found.
 */
function encoded(node: XmlNode, path: string, found: Found): void {
  const json = node.ns === HL7_FI_NS && node.name === 'json';
  if (!json && node.attrs.representation?.trim().toUpperCase() !== 'B64') return;
  const media = json
    ? 'application/json'
    : ((node.attrs.mediaType ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? '');
  const decoded = decodeBase64(node.text, node.text.length);
  if ('problem' in decoded) return; // not base64: its text was scanned as it is
  let bytes: Buffer = Buffer.from(decoded.bytes);
  const compression = node.attrs.compression?.trim().toUpperCase();
  if (compression !== undefined) {
    const inflate = INFLATE[compression];
    if (inflate === undefined) return; // another algorithm (Z, BZ, Z7): not read (docs/archive.md)
    try {
      bytes = inflate(bytes);
    } catch {
      return; // corrupt, or larger than MAX_INFLATED_BYTES: not read (docs/archive.md)
    }
  }
  const views = [bytes.toString('latin1')];
  if (bytes.includes(0)) {
    const even = bytes.subarray(0, bytes.byteLength - (bytes.byteLength % 2));
    views.push(even.toString('utf16le'), Buffer.from(even).swap16().toString('utf16le'));
  }
  const codes = json || /json$/.test(media) ? jsonCodes(bytes) : [];
  codes.push(
    ...views.flatMap((text) => [
      ...findRealCodes(text),
      ...(/^(?:\uFEFF|\xEF\xBB\xBF)?\s*</.test(text) ? scanXmlText(text).map((h) => h.code) : []),
    ]),
  );
  const fresh = freshCodes(codes, found);
  if (fresh.length > 0) {
    found.f.push(
      guarded(
        error(
          'CDA-ID-007',
          path,
          `the base64 content (${media}) contains, decoded, a real person's identity code (${fresh.join(', ')}); decoded text must not carry one either: remove it or use a Kela-issued test code`,
        ),
      ),
    );
  }
  // A PDF (by its bytes, whatever the media type says): the text its pages show (pdf-text.ts).
  if (!isPdf(bytes)) return;
  const shown = freshCodes(readPdfText(bytes).texts.flatMap(findRealCodes), found);
  if (shown.length === 0) return;
  found.f.push(
    guarded(
      error(
        'CDA-ID-007',
        path,
        `the PDF in the base64 content (${media}) shows in its text a real person's identity code (${shown.join(', ')}); its reader sees it: remove it or use a Kela-issued test code`,
      ),
    ),
  );
}

/** The codes of `codes` not yet reported (upper case, each once), now marked as reported. */
function freshCodes(codes: readonly string[], found: Found): string[] {
  const fresh = [...new Set(codes.map((c) => c.toUpperCase()))].filter((c) => !found.seen.has(c));
  for (const c of fresh) found.seen.add(c);
  return fresh;
}

/** The first real code in any string of JSON content (escapes such as `\u002d` decoded), if it parses. */
function jsonCodes(bytes: Buffer): string[] {
  try {
    const hit = findRealCodeDeep(JSON.parse(bytes.toString('utf8')));
    return hit === undefined ? [] : [hit.code];
  } catch {
    return []; // not JSON: its bytes are searched as they are
  }
}
