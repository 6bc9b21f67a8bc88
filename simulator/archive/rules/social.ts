/**
 * Social-welfare rules (CDA-SOC-001…007): every document of the Client Data Repository carries a
 * document group (Sosiaalihuolto - Asiakirjaryhmä, 1.2.246.537.6.1505) and, except where its group has
 * none, a service task (Sosiaalihuolto - Palvelutehtävä, 1.2.246.537.6.1221); the customer must have
 * deployed both, else the vendor is told which expansion of use to notify.
 *
 * The codes and the group-to-category table are data (`simulator/domain/code-lists/`, docs/archive.md
 * "Code lists"). Both public lists are only partly known, so a code that has the list's form but is not
 * among the confirmed codes is a warning (CDA-SOC-006, kantasim cannot tell), never an error; a code that
 * cannot be in the list is an error, and so is a code from another code system. Where the codes sit
 * (header.ts): hl7fi:localSocialHeader/hl7fi:documentGroup and hl7fi:functionCode in Kanta's format;
 * hl7fi:localHeader/hl7fi:typeCode and hl7fi:functionCode in kantasim's earlier format.
 */
import { DOCUMENT_GROUP_NAMES } from '../../domain/codes.ts';
import { categoryOfGroup, codeList, inLanguage, standingOf, type CodeList } from '../../domain/code-lists.ts';
import { isCodeSystem } from '../../domain/codes.ts';
import { error, expectedReceived, warning, type Finding } from '../../domain/findings.ts';
import type { CdaHeader, CodedValue } from '../../domain/cda.ts';
import type { Customer } from '../../domain/registry.ts';

const LOCAL_HEADER = '/ClinicalDocument/hl7fi:localHeader';
const LSH = '/ClinicalDocument/hl7fi:localSocialHeader';

/** `1 (Asiakkuusasiakirja), 5 (…)`: the confirmed codes of a list, for messages. */
function known(list: CodeList): string {
  return list.codes
    .map((c) => (c.display === undefined ? c.code : `${c.code} (${inLanguage(c.display).text})`))
    .join(', ');
}

function unconfirmed(list: CodeList, what: string, cv: CodedValue, path: string, extra = ''): Finding {
  return warning(
    'CDA-SOC-006',
    path,
    `${what} '${cv.code}' is not among the codes kantasim has confirmed for ${list.name.fi} (${list.oid}: ${known(list)}); kantasim's list is partial, so check the code against the national code server${extra}`,
  );
}

/** CDA-SOC-002/007 for a code from another code system than the element's own. */
function wrongSystem(
  code: 'CDA-SOC-002' | 'CDA-SOC-007',
  element: string,
  list: CodeList,
  cv: CodedValue,
): Finding {
  return error(
    code,
    `${element}/@codeSystem`,
    `${element.slice(element.lastIndexOf('/') + 1)} must use ${list.name.fi} (${list.oid}${list.version === undefined ? '' : `.${list.version}`}); ${expectedReceived(list.oid, cv.codeSystem)}`,
  );
}

export function checkSocial(header: CdaHeader, customer: Customer | undefined): Finding[] {
  // Kanta's format keeps the codes in hl7fi:localSocialHeader, kantasim's earlier one in hl7fi:localHeader.
  const kanta = header.social.kantaFormat === true;
  const LH = kanta ? LSH : LOCAL_HEADER;
  const groupAt = `${LH}/hl7fi:${kanta ? 'documentGroup' : 'typeCode'}`;
  const taskAt = `${LH}/hl7fi:functionCode`;
  const f: Finding[] = [];
  const { documentGroupKey } = header.social;
  const group = codeList('socialDocumentGroup');
  const task = codeList('socialServiceTask');
  const documentGroup = header.social.documentGroup;
  const groupOk =
    documentGroup !== undefined && isCodeSystem(documentGroup.codeSystem, 'socialDocumentGroup');
  const serviceTask = header.social.serviceTask;
  const taskOk = serviceTask !== undefined && isCodeSystem(serviceTask.codeSystem, 'socialServiceTask');
  const groupPath = `${groupAt}/@code`;
  const mapping = documentGroup && groupOk ? categoryOfGroup(documentGroup.code) : undefined;
  if (!documentGroup)
    f.push(
      error(
        'CDA-SOC-001',
        LH,
        `the document group is missing; add hl7fi:documentGroup to hl7fi:localSocialHeader with a code from ${group.name.fi} (${group.oid}.${group.version ?? ''})`,
      ),
    );
  else if (!groupOk) f.push(wrongSystem('CDA-SOC-002', groupAt, group, documentGroup));
  else {
    const standing = standingOf(group, documentGroup.code);
    if (standing.standing === 'unknown')
      f.push(
        error(
          'CDA-SOC-002',
          groupPath,
          `document group code '${documentGroup.code}' is not a code of ${group.name.fi} (${group.oid}); use one of ${known(group)}`,
        ),
      );
    else if (standing.standing === 'unconfirmed')
      f.push(
        unconfirmed(
          group,
          'document group code',
          documentGroup,
          groupPath,
          mapping ? `; kantasim assumes it is a ${DOCUMENT_GROUP_NAMES[mapping.category].en} group` : '',
        ),
      );
  }
  if (!serviceTask && mapping?.serviceTaskRequired !== false)
    f.push(
      error(
        'CDA-SOC-004',
        taskAt,
        `the service task is missing; give hl7fi:functionCode with a code from ${task.name.fi} (${task.oid}.${task.version ?? ''})`,
      ),
    );
  if (serviceTask && !taskOk) f.push(wrongSystem('CDA-SOC-007', taskAt, task, serviceTask));
  else if (serviceTask) {
    const path = `${taskAt}/@code`;
    const standing = standingOf(task, serviceTask.code);
    if (standing.standing === 'unknown')
      f.push(
        error(
          'CDA-SOC-007',
          path,
          `service task '${serviceTask.code}' is not a code of ${task.name.fi} (${task.oid}); its codes are numbers such as ${known(task)}`,
        ),
      );
    else if (standing.standing === 'unconfirmed')
      f.push(unconfirmed(task, 'service task', serviceTask, path));
  }
  if (!customer || !customer.services.includes('social-welfare')) return f; // CDA-REG-003/004 say why
  if (documentGroupKey !== undefined && !customer.documentGroups.includes(documentGroupKey)) {
    const name = DOCUMENT_GROUP_NAMES[documentGroupKey];
    f.push(
      error(
        'CDA-SOC-003',
        groupPath,
        `${customer.orgOid} has not deployed the document group '${name.fi}' (${name.en}), to which group code '${documentGroup?.code ?? ''}' belongs${mapping?.status === 'assumption' ? ' (kantasim assumption)' : ''}; notify Kela of an expansion of use (käytön laajennus) for that document group before archiving it (deployed: ${customer.documentGroups.join(', ') || 'none'})`,
      ),
    );
  }
  if (serviceTask && taskOk && !customer.serviceTasks.includes(serviceTask.code)) {
    const name = task.codes.find((c) => c.code === serviceTask.code)?.display?.fi ?? serviceTask.displayName;
    f.push(
      error(
        'CDA-SOC-005',
        `${taskAt}/@code`,
        `${customer.orgOid} has not deployed service task '${serviceTask.code}'${name === undefined ? '' : ` (${name})`}; notify Kela of an expansion of use for that service task (deployed: ${customer.serviceTasks.join(', ') || 'none'})`,
      ),
    );
  }
  return f;
}
