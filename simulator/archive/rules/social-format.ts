/**
 * Rules for social-welfare documents and messages in Kanta's own format (CDA-SOC-010…014, 020…025): the
 * RCMR_IN200002FI01 frame (service request and usage context as reason codes, the register as
 * `clinicalDocument/code`, frame and document agreeing) and the document with `hl7fi:localSocialHeader`
 * (ClinicalDocument/code as the general document type, required header elements per document kind,
 * the code system and code of every coded element, the decoded nonXMLBody).
 *
 * Which elements each kind carries is read from the public vendor test documents (Warc0ck/
 * SH-Kanta-validator, Testiasiakirjat/), not from the XSD `CDA_Fi_sos.xsd` (published by Kanta inside a
 * zip kantasim has not read): the catalogue marks those rules as kantasim assumptions. Code lists are data
 * (`simulator/domain/code-lists/`); an unlisted code of a partial list is a warning (CDA-SOC-006).
 */
import { codeList, inLanguage, standingOf, type CodeList } from '../../domain/code-lists.ts';
import { isCodeSystem, type CodeSystemKey } from '../../domain/codes.ts';
import { error, expectedReceived, fatal, warning, type Finding } from '../../domain/findings.ts';
import type { CdaHeader, CodedValue, LocalSocialHeader } from '../../domain/cda.ts';
import { isSocialInteraction, type Submission } from '../envelope.ts';

const DOC = '/ClinicalDocument';
export const LSH = `${DOC}/hl7fi:localSocialHeader`;

/** Which document kind each service request archives (the codes' names say so). */
export const SERVICE_REQUEST_KIND: Readonly<Record<string, 'client-relationship' | 'client'>> = {
  SP1: 'client-relationship',
  SP17: 'client',
};

function listed(list: CodeList): string {
  return list.codes
    .slice(0, 12)
    .map((c) => (c.display === undefined ? c.code : `${c.code} (${inLanguage(c.display).text})`))
    .join(', ');
}

/** CDA-SOC-022 for a wrong code system or an impossible code; CDA-SOC-006 for an unconfirmed one. */
function membership(cv: CodedValue, key: CodeSystemKey, path: string, what: string): Finding[] {
  const list = codeList(key);
  if (!isCodeSystem(cv.codeSystem, key))
    return [
      error(
        'CDA-SOC-022',
        `${path}/@codeSystem`,
        `${what} must use ${list.name.fi} (${list.oid}${list.version === undefined ? '' : `.${list.version}`}); ${expectedReceived(list.oid, cv.codeSystem)}`,
      ),
    ];
  const standing = standingOf(list, cv.code);
  if (standing.standing === 'unknown')
    return [
      error(
        'CDA-SOC-022',
        `${path}/@code`,
        `${what} '${cv.code}' is not a code of ${list.name.fi} (${list.oid}); use one of ${listed(list)}`,
      ),
    ];
  if (standing.standing === 'unconfirmed')
    return [
      warning(
        'CDA-SOC-006',
        `${path}/@code`,
        `${what} '${cv.code}' is not among the codes kantasim has confirmed for ${list.name.fi} (${list.oid}: ${listed(list)}); kantasim's list is partial, so check the code against the national code server`,
      ),
    ];
  return [];
}

/** The frame of a social-welfare archiving message (nothing for other submissions). */
export function checkSocialMessage(sub: Submission, header: CdaHeader): Finding[] {
  if (sub.kind !== 'message' || !sub.message || !isSocialInteraction(sub.interaction)) return [];
  const f: Finding[] = [];
  const base = `/${sub.interaction ?? ''}/controlActProcess`;
  // The controlAct code is checked with the rest of the frame, for both repositories (rules/frame.ts).
  const requests = codeList('socialServiceRequest');
  const reason = sub.message.reasonCode;
  if (!reason || !isCodeSystem(reason.codeSystem, 'socialServiceRequest'))
    f.push(
      fatal(
        'CDA-SOC-010',
        `${base}/reasonCode`,
        `no service request: give a reasonCode from ${requests.name.fi} (${requests.oid}.${requests.version ?? ''}), e.g. ${listed(requests)}${reason ? `; the reasonCode given uses ${reason.codeSystem}` : ''}`,
      ),
    );
  else if (standingOf(requests, reason.code).standing !== 'known')
    f.push(
      fatal(
        'CDA-SOC-010',
        `${base}/reasonCode/@code`,
        `service request '${reason.code}' is not one the archive knows (${listed(requests)}); the archive decides from it what to do with the document, so the message cannot be processed`,
      ),
    );
  else {
    const kind = SERVICE_REQUEST_KIND[reason.code];
    if (kind !== undefined && header.social.kind !== undefined && kind !== header.social.kind)
      f.push(
        error(
          'CDA-SOC-011',
          `${base}/reasonCode/@code`,
          `service request ${reason.code} archives a ${kind} document, but document group '${header.social.documentGroup?.code ?? ''}' makes this a ${header.social.kind} document; send ${Object.entries(SERVICE_REQUEST_KIND).find(([, k]) => k === header.social.kind)?.[0] ?? 'the matching service request'}`,
        ),
      );
  }
  const usage = sub.message.usageContext;
  const usages = codeList('socialUsageContext');
  if (!usage)
    f.push(
      error(
        'CDA-SOC-012',
        `${base}/reasonCode`,
        `no usage context: add a second reasonCode from ${usages.name.fi} (${usages.oid}.${usages.version ?? ''}), e.g. ${listed(usages)}`,
      ),
    );
  else
    for (const x of membership(usage, 'socialUsageContext', `${base}/reasonCode`, 'usage context'))
      f.push(x.code === 'CDA-SOC-022' ? { ...x, code: 'CDA-SOC-012' } : x);
  const register = sub.messageDocument?.registerCode;
  const subject = `${base}/subject/clinicalDocument`;
  if (!register || !isCodeSystem(register.codeSystem, 'socialRegisterCode'))
    f.push(
      error(
        'CDA-SOC-013',
        `${subject}/code`,
        `the frame's clinicalDocument/code is the register (${codeList('socialRegisterCode').name.fi}, ${codeList('socialRegisterCode').oid}.201701), e.g. code 1; ${expectedReceived(codeList('socialRegisterCode').oid, register?.codeSystem)}`,
      ),
    );
  const frameSet = sub.messageDocument?.setId;
  if (frameSet !== undefined && header.setId !== undefined && frameSet !== header.setId.root)
    f.push(
      error(
        'CDA-SOC-014',
        `${subject}/setId/@root`,
        `the frame's clinicalDocument/setId must be the setId of the document it carries; ${expectedReceived(header.setId.root, frameSet)}`,
      ),
    );
  return f;
}

/** Required localSocialHeader elements per kind (read from the vendor test documents). */
const REQUIRED: readonly {
  element: keyof LocalSocialHeader;
  kinds: readonly ('client-relationship' | 'client')[];
}[] = [
  { element: 'creationTime', kinds: ['client-relationship', 'client'] },
  { element: 'fileFormat', kinds: ['client-relationship', 'client'] },
  { element: 'softwareSupport', kinds: ['client-relationship', 'client'] },
  { element: 'recordStatus', kinds: ['client-relationship', 'client'] },
  { element: 'registryType', kinds: ['client-relationship', 'client'] },
  { element: 'totalRetentionPeriodClass', kinds: ['client-relationship', 'client'] },
  { element: 'contentSpecificationId', kinds: ['client-relationship', 'client'] },
  { element: 'encompassingClientRelationship', kinds: ['client-relationship'] },
  { element: 'specificDocumentType', kinds: ['client'] },
  { element: 'serviceProcess', kinds: ['client'] },
];

/** Coded localSocialHeader elements and the list each must come from. */
const CODED: readonly { element: keyof LocalSocialHeader; key: CodeSystemKey }[] = [
  { element: 'specificDocumentType', key: 'socialDocumentType' },
  { element: 'fileFormat', key: 'socialDisplayFormat' },
  { element: 'structuredFileFormat', key: 'fileFormat' },
  { element: 'recordStatus', key: 'recordStatus' },
  { element: 'registryType', key: 'socialRegisterCode' },
  { element: 'totalRetentionPeriodClass', key: 'socialRetentionPeriod' },
  { element: 'specialContent', key: 'yesNo' },
  { element: 'inaccessibleArgument', key: 'socialInaccessibleArgument' },
];

/** A social-welfare document in Kanta's format (nothing for kantasim's earlier local-header format). */
export function checkSocialFormat(header: CdaHeader): Finding[] {
  const social = header.social;
  const local = social.local;
  if (!social.kantaFormat || !local) return [];
  const f: Finding[] = [];
  const kind = social.kind;
  const code = social.documentCode;
  const types = codeList('socialDocumentType');
  if (kind === 'client' && (code?.code === undefined || code.nullFlavor !== undefined))
    f.push(
      error(
        'CDA-SOC-020',
        `${DOC}/code`,
        `a client document gives its general document type in ClinicalDocument/code, from ${types.name.fi} (${types.oid}.${types.version ?? ''}), e.g. 15 (Suunnitelma); only a client-relationship document may write code nullFlavor="NA"`,
      ),
    );
  else if (code?.code !== undefined)
    for (const x of membership(code.code, 'socialDocumentType', `${DOC}/code`, 'the general document type'))
      f.push(x.code === 'CDA-SOC-022' ? { ...x, code: 'CDA-SOC-020' } : x);
  else if (!code)
    f.push(
      error(
        'CDA-SOC-020',
        `${DOC}/code`,
        'ClinicalDocument/code is missing; CDA requires it: give the general document type, or nullFlavor="NA" on a client-relationship document',
      ),
    );
  if (kind !== undefined)
    for (const r of REQUIRED)
      if (r.kinds.includes(kind) && local[r.element] === undefined)
        f.push(
          error(
            'CDA-SOC-021',
            `${LSH}/hl7fi:${r.element}`,
            `hl7fi:localSocialHeader/${r.element} is missing; a ${kind} document carries it`,
          ),
        );
  for (const { element, key } of CODED) {
    const value = local[element] as CodedValue | undefined;
    if (value) f.push(...membership(value, key, `${LSH}/hl7fi:${element}`, `hl7fi:${element}`));
  }
  if (local.serviceProcess?.code)
    f.push(
      ...membership(
        local.serviceProcess.code,
        'socialServiceProcess',
        `${LSH}/hl7fi:serviceProcess/hl7fi:code`,
        'the service process',
      ),
    );
  if (social.consent)
    f.push(
      ...membership(
        social.consent,
        'socialMinorDisclosure',
        `${DOC}/authorization/consent/code`,
        'the consent code',
      ),
    );
  const specific = local.specificDocumentType?.code;
  const general = code?.code?.code;
  if (
    specific !== undefined &&
    general !== undefined &&
    /^[0-9]{4,5}$/.test(specific) &&
    specific.slice(0, -3) !== general
  )
    f.push(
      warning(
        'CDA-SOC-024',
        `${LSH}/hl7fi:specificDocumentType/@code`,
        `specific document type ${specific} usually belongs to general type ${specific.slice(0, -3)}, but ClinicalDocument/code is ${general}; check that both are right`,
      ),
    );
  f.push(...checkBody(header));
  return f;
}

function checkBody(header: CdaHeader): Finding[] {
  const body = header.social.body;
  const path = `${DOC}/component/nonXMLBody`;
  if (!body)
    return [
      error(
        'CDA-SOC-023',
        path,
        'the document has no component/nonXMLBody; a social-welfare document carries its XHTML view (text, base64) and its structured content (hl7fi:json, base64)',
      ),
    ];
  const f: Finding[] = [];
  if (!body.xhtml)
    f.push(
      error(
        'CDA-SOC-023',
        `${path}/text`,
        'nonXMLBody has no text with the XHTML view (mediaType="application/xhtml+xml" representation="B64")',
      ),
    );
  else if (body.xhtml.problem !== undefined)
    f.push(error('CDA-SOC-023', `${path}/text`, `${body.xhtml.problem}; send the XHTML view as base64`));
  const wantsJson = header.social.local?.structuredFileFormat !== undefined;
  if (!body.json && wantsJson)
    f.push(
      error(
        'CDA-SOC-023',
        `${path}/hl7fi:json`,
        'structuredFileFormat announces a structured part but nonXMLBody has no hl7fi:json; add the JSON as base64',
      ),
    );
  else if (body.json?.problem !== undefined)
    f.push(error('CDA-SOC-023', `${path}/hl7fi:json`, `${body.json.problem}; send UTF-8 JSON as base64`));
  return f;
}

/** Organisations a social-welfare document names besides its custodian, with where. */
export function socialOrganisations(header: CdaHeader): { oid: string; path: string }[] {
  if (header.social.kantaFormat !== true) return [];
  const out: { oid: string; path: string }[] = [];
  const seen = new Set<string>([header.custodian?.oid ?? '']);
  const add = (oid: string | undefined, path: string): void => {
    if (oid === undefined || oid === '' || seen.has(oid)) return;
    seen.add(oid);
    out.push({ oid, path });
  };
  header.authors.forEach((a, i) => {
    add(a.organisation, `${DOC}/author[${i + 1}]/assignedAuthor/representedOrganization/id/@root`);
  });
  const enc = `${DOC}/componentOf/encompassingEncounter`;
  add(
    header.encounter?.responsibleOrganisation,
    `${enc}/responsibleParty/assignedEntity/representedOrganization/id/@root`,
  );
  header.encounter?.participantOrganisations.forEach((o, i) => {
    add(o, `${enc}/encounterParticipant[${i + 1}]/assignedEntity/representedOrganization/id/@root`);
  });
  return out.slice(0, 20);
}

/** CDA-SOC-025: a named organisation the registry does not know (`known[i]` answers for `named[i]`). */
export function unknownOrganisations(
  named: readonly { oid: string; path: string }[],
  known: readonly boolean[],
): Finding[] {
  return named
    .filter((_, i) => known[i] !== true)
    .map((n) =>
      warning(
        'CDA-SOC-025',
        n.path,
        `organisation ${n.oid} is not in the code server; an author's unit or an encounter participant need not be registered with the archive, but check the OID against the SOTE organisation register`,
      ),
    );
}
