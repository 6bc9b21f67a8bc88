/**
 * Header structure rules (CDA-HDR-001…019): root and namespace, typeId, realm FI, required header
 * elements, OID syntax, the register code of the repository, and the Finnish local header.
 *
 * Facts: HL7 CDA R2 (POCD_HD000040), docs/kanta.md#patient-data-repository (CDA table, local header), docs/kanta.md#code-server-and-oids (OIDs).
 */
import { CODE_SYSTEMS, isCodeSystem, type CodeSystemKey } from '../../domain/codes.ts';
import { error, expectedReceived, warning, type Finding } from '../../domain/findings.ts';
import { oidProblem } from '../../domain/oid.ts';
import type { ArchiveRepositoryKind, CdaHeader, CodedValue, InstanceId } from '../../domain/cda.ts';
import { tsToIso } from '../header.ts';
import { HL7_V3_NS, type XmlNode } from '../xml.ts';

const DOC = '/ClinicalDocument';
const LH = `${DOC}/hl7fi:localHeader`;

export const CDA_TYPE_ID = { root: '2.16.840.1.113883.1.3', extension: 'POCD_HD000040' } as const;

/** Local-header elements a Patient Data Repository document must carry, and their code systems. */
export const REQUIRED_LOCAL_CODED: readonly {
  element:
    | 'fileFormat'
    | 'documentType'
    | 'functionCode'
    | 'recordStatus'
    | 'retentionPeriodClass'
    | 'custodianTypeCode';
  system?: CodeSystemKey;
}[] = [
  { element: 'fileFormat', system: 'fileFormat' },
  { element: 'documentType', system: 'documentType' },
  // For social welfare the function code is the service task (1.2.246.537.6.1221), checked in social.ts.
  { element: 'functionCode' },
  { element: 'recordStatus', system: 'recordStatus' },
  { element: 'retentionPeriodClass', system: 'retentionPeriodClass' },
  { element: 'custodianTypeCode', system: 'custodianType' },
];

function oidFinding(
  code: string,
  path: string,
  id: InstanceId | undefined,
  what: string,
): Finding | undefined {
  if (!id || id.nullFlavor !== undefined) return undefined;
  const problem = oidProblem(id.root);
  return problem === undefined ? undefined : error(code, path, `${what}: ${problem}`);
}

function codeSystemFinding(
  code: string,
  path: string,
  value: CodedValue,
  key: CodeSystemKey,
  what: string,
): Finding | undefined {
  if (isCodeSystem(value.codeSystem, key)) return undefined;
  const cs = CODE_SYSTEMS[key];
  return error(
    code,
    `${path}/@codeSystem`,
    `${what} must use ${cs.name} (${cs.oid}, optionally with its version suffix); ${expectedReceived(cs.oid, value.codeSystem)}`,
  );
}

/** Checks the document's structure. `root` is the parsed ClinicalDocument element. */
export function checkStructure(
  root: XmlNode,
  header: CdaHeader,
  repository: ArchiveRepositoryKind,
): Finding[] {
  const f: Finding[] = [];
  const push = (x: Finding | undefined): void => {
    if (x) f.push(x);
  };
  if (root.name !== 'ClinicalDocument' || root.ns !== HL7_V3_NS) {
    f.push(
      error(
        'CDA-HDR-001',
        `/${root.name}`,
        `the document root must be ClinicalDocument in namespace ${HL7_V3_NS}; ${expectedReceived(`{${HL7_V3_NS}}ClinicalDocument`, `{${root.ns}}${root.name}`)}`,
      ),
    );
    return f;
  }
  if (header.typeId?.root !== CDA_TYPE_ID.root || header.typeId.extension !== CDA_TYPE_ID.extension)
    f.push(
      error(
        'CDA-HDR-002',
        `${DOC}/typeId`,
        `typeId must be root="${CDA_TYPE_ID.root}" extension="${CDA_TYPE_ID.extension}"; ${expectedReceived(`${CDA_TYPE_ID.root}/${CDA_TYPE_ID.extension}`, header.typeId ? `${header.typeId.root}/${header.typeId.extension ?? ''}` : undefined)}`,
      ),
    );
  if (header.realmCode !== 'FI')
    f.push(
      error(
        'CDA-HDR-003',
        `${DOC}/realmCode/@code`,
        `realmCode must be FI for a Finnish Kanta document; ${expectedReceived('FI', header.realmCode)}`,
      ),
    );
  if (header.id.root === '')
    f.push(
      error('CDA-HDR-004', `${DOC}/id/@root`, 'the document has no id; give id/@root, the document OID'),
    );
  else push(oidFinding('CDA-HDR-004', `${DOC}/id/@root`, header.id, 'document id'));

  const register = header.registerCode;
  const registerKey: CodeSystemKey = repository === 'pta' ? 'registerCode' : 'socialRegisterCode';
  // Kanta's social-welfare format names the register in localSocialHeader/registryType (header.ts reads
  // it into registerCode); its absence is CDA-SOC-021 there.
  const kantaSocial = header.social.kantaFormat === true;
  if (!register && kantaSocial) {
    // reported by rules/social-format.ts
  } else if (!register)
    f.push(
      error(
        'CDA-HDR-005',
        `${DOC}/code`,
        `the document has no code; give the register code (${CODE_SYSTEMS[registerKey].name}, ${CODE_SYSTEMS[registerKey].oid})`,
      ),
    );
  else {
    const wrong = codeSystemFinding(
      'CDA-HDR-005',
      `${DOC}/code`,
      register,
      registerKey,
      `ClinicalDocument/code (the register) in the ${repository === 'pta' ? 'Patient Data Repository' : 'social-welfare repository'}`,
    );
    if (wrong) {
      const other = repository === 'pta' ? 'socialRegisterCode' : 'registerCode';
      if (isCodeSystem(register.codeSystem, other))
        wrong.message += `; this looks like a ${repository === 'pta' ? 'social-welfare' : 'patient'} document: send it to POST /archive/${repository === 'pta' ? 'social' : 'pta'}`;
      f.push(wrong);
    } else if (repository === 'pta' && !Object.hasOwn(CODE_SYSTEMS.registerCode.codes, register.code))
      f.push(
        warning(
          'CDA-HDR-005',
          `${DOC}/code/@code`,
          `register code '${register.code}' is not one kantasim knows (${Object.keys(CODE_SYSTEMS.registerCode.codes).join(', ')}); check it against the code server`,
        ),
      );
  }
  if (header.effectiveTime === undefined)
    f.push(
      error(
        'CDA-HDR-006',
        `${DOC}/effectiveTime/@value`,
        'effectiveTime is missing; give the document creation time as an HL7 TS (YYYYMMDDHHMMSS)',
      ),
    );
  else if (tsToIso(header.effectiveTime) === undefined)
    f.push(
      error(
        'CDA-HDR-006',
        `${DOC}/effectiveTime/@value`,
        `effectiveTime '${header.effectiveTime}' is not an HL7 TS; write YYYYMMDDHHMMSS, optionally with .fff and ±ZZZZ`,
      ),
    );
  if (!header.confidentiality)
    f.push(
      error(
        'CDA-HDR-007',
        `${DOC}/confidentialityCode`,
        `confidentialityCode is missing; give one from ${CODE_SYSTEMS.confidentiality.name} (${CODE_SYSTEMS.confidentiality.oid})`,
      ),
    );
  if (!header.setId)
    f.push(
      error(
        'CDA-HDR-008',
        `${DOC}/setId`,
        'setId is missing; the first version uses its own id as setId, later versions keep it',
      ),
    );
  else push(oidFinding('CDA-HDR-008', `${DOC}/setId/@root`, header.setId, 'setId'));
  if (header.versionNumber === undefined || header.versionNumber < 1)
    f.push(
      error(
        'CDA-HDR-009',
        `${DOC}/versionNumber/@value`,
        'versionNumber must be a whole number from 1 up (1 for a new document)',
      ),
    );
  if (!header.patient)
    f.push(
      error(
        'CDA-HDR-010',
        `${DOC}/recordTarget/patientRole/id`,
        'the patient is missing; give recordTarget/patientRole/id with the identity code (root 1.2.246.21) or a temporary ID',
      ),
    );
  if (header.authors.length === 0)
    f.push(
      error(
        'CDA-HDR-011',
        `${DOC}/author`,
        'the document has no author; give at least one author with assignedAuthor',
      ),
    );
  if (!header.custodian)
    f.push(
      error(
        'CDA-HDR-012',
        `${DOC}/custodian/assignedCustodian/representedCustodianOrganization/id/@root`,
        kantaSocial
          ? 'the custodian is missing; give the register keeper, your organisation or one of its units, as custodian'
          : 'the custodian is missing; give the register controller OID (…19.0) as custodian',
      ),
    );
  else
    push(
      oidFinding(
        'CDA-HDR-012',
        `${DOC}/custodian/assignedCustodian/representedCustodianOrganization/id/@root`,
        { root: header.custodian.oid },
        'custodian id',
      ),
    );
  header.templateIds.forEach((t, i) => {
    push(oidFinding('CDA-HDR-013', `${DOC}/templateId[${i + 1}]/@root`, { root: t }, 'templateId'));
  });
  push(
    oidFinding(
      'CDA-HDR-013',
      `${DOC}/componentOf/encompassingEncounter/id/@root`,
      header.encounter?.id,
      'encompassingEncounter id',
    ),
  );
  header.relatedDocuments.forEach((r, i) => {
    push(
      oidFinding(
        'CDA-HDR-013',
        `${DOC}/relatedDocument[${i + 1}]/parentDocument/id/@root`,
        r.id,
        'parentDocument id',
      ),
    );
  });
  // Social-welfare documents in Kanta's format carry no templateId (public vendor test documents).
  if (header.templateIds.length === 0 && !kantaSocial)
    f.push(
      warning(
        'CDA-HDR-017',
        `${DOC}/templateId`,
        'no templateId; name the HL7 Finland specification the document follows (e.g. 1.2.246.777.11.2015.10)',
      ),
    );
  if (header.languageCode === undefined)
    f.push(warning('CDA-HDR-018', `${DOC}/languageCode`, 'languageCode is missing; give e.g. code="fi"'));

  const local = header.localHeader;
  // Kanta's social-welfare format has hl7fi:localSocialHeader instead (rules/social-format.ts).
  if (!local.present && kantaSocial) return f;
  if (!local.present) {
    f.push(
      error(
        'CDA-HDR-014',
        LH,
        'hl7fi:localHeader (namespace urn:hl7finland) is missing; add it after componentOf',
      ),
    );
    return f;
  }
  for (const { element, system } of REQUIRED_LOCAL_CODED) {
    const value = local[element];
    // A social-welfare service task is required by document group (a client-relationship document has
    // none): rules/social.ts decides (CDA-SOC-004).
    if (!value && repository === 'social' && element === 'functionCode') continue;
    if (!value) {
      f.push(
        error(
          'CDA-HDR-015',
          `${LH}/hl7fi:${element}`,
          `hl7fi:localHeader/${element} is missing; add it${system ? ` with a code from ${CODE_SYSTEMS[system].name} (${CODE_SYSTEMS[system].oid})` : ''}`,
        ),
      );
      continue;
    }
    if (system)
      push(codeSystemFinding('CDA-HDR-019', `${LH}/hl7fi:${element}`, value, system, `hl7fi:${element}`));
  }
  if (
    repository === 'pta' &&
    local.functionCode &&
    !isCodeSystem(local.functionCode.codeSystem, 'functionCode')
  )
    push(
      codeSystemFinding(
        'CDA-HDR-019',
        `${LH}/hl7fi:functionCode`,
        local.functionCode,
        'functionCode',
        'hl7fi:functionCode',
      ),
    );
  if (!local.softwareSupport)
    f.push(
      error(
        'CDA-HDR-015',
        `${LH}/hl7fi:softwareSupport`,
        'hl7fi:localHeader/softwareSupport is missing; add it with moderator, product and version of the producing system',
      ),
    );
  else if (local.softwareSupport.product === undefined || local.softwareSupport.version === undefined)
    f.push(
      warning(
        'CDA-HDR-016',
        `${LH}/hl7fi:softwareSupport`,
        'softwareSupport should name the product and version of the producing system',
      ),
    );
  return f;
}
