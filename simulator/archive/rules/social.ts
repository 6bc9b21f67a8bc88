/**
 * Social-welfare rules (CDA-SOC-001…005): every document of the Client Data Repository carries a
 * document group (Sosiaalihuolto - Asiakirjaryhmä, 1.2.246.537.6.1505) and a service task
 * (Sosiaalihuolto - Palvelutehtävä, 1.2.246.537.6.1221); the customer must have deployed both, else the
 * vendor is told which expansion of use to notify.
 *
 * Facts: domain.md §3 (social welfare), §6. Where the codes sit in the document is not public [NF]:
 * kantasim reads them from any coded element of hl7fi:localHeader (docs/archive.md).
 */
import { CODE_SYSTEMS, DOCUMENT_GROUP_CODES, DOCUMENT_GROUP_NAMES } from '../../domain/codes.ts';
import { error, type Finding } from '../../domain/findings.ts';
import type { CdaHeader } from '../../domain/cda.ts';
import type { Customer } from '../../domain/registry.ts';

const LH = '/ClinicalDocument/hl7fi:localHeader';

export function checkSocial(header: CdaHeader, customer: Customer | undefined): Finding[] {
  const f: Finding[] = [];
  const { documentGroup, documentGroupKey, serviceTask } = header.social;
  const group = CODE_SYSTEMS.socialDocumentGroup;
  const task = CODE_SYSTEMS.socialServiceTask;
  if (!documentGroup)
    f.push(
      error(
        'CDA-SOC-001',
        LH,
        `the document group is missing; add a local-header code from ${group.name} (${group.oid}), e.g. hl7fi:typeCode`,
      ),
    );
  else if (documentGroupKey === undefined)
    f.push(
      error(
        'CDA-SOC-002',
        `${LH}/*[@codeSystem='${documentGroup.codeSystem}']/@code`,
        `document group code '${documentGroup.code}' is not known; use one of ${Object.entries(
          DOCUMENT_GROUP_CODES,
        )
          .map(([c, k]) => `${c} (${DOCUMENT_GROUP_NAMES[k].fi})`)
          .join(', ')}`,
      ),
    );
  if (!serviceTask)
    f.push(
      error(
        'CDA-SOC-004',
        `${LH}/hl7fi:functionCode`,
        `the service task is missing; give hl7fi:functionCode with a code from ${task.name} (${task.oid})`,
      ),
    );
  if (!customer || !customer.services.includes('social-welfare')) return f; // CDA-REG-003/004 say why
  if (documentGroupKey !== undefined && !customer.documentGroups.includes(documentGroupKey)) {
    const name = DOCUMENT_GROUP_NAMES[documentGroupKey];
    f.push(
      error(
        'CDA-SOC-003',
        `${LH}/*[@codeSystem='${documentGroup?.codeSystem ?? group.oid}']/@code`,
        `${customer.orgOid} has not deployed the document group '${name.fi}' (${name.en}); notify Kela of an expansion of use (käytön laajennus) for that document group before archiving it (deployed: ${customer.documentGroups.join(', ') || 'none'})`,
      ),
    );
  }
  if (serviceTask && !customer.serviceTasks.includes(serviceTask.code))
    f.push(
      error(
        'CDA-SOC-005',
        `${LH}/hl7fi:functionCode/@code`,
        `${customer.orgOid} has not deployed service task '${serviceTask.code}'${serviceTask.displayName === undefined ? '' : ` (${serviceTask.displayName})`}; notify Kela of an expansion of use for that service task (deployed: ${customer.serviceTasks.join(', ') || 'none'})`,
      ),
    );
  return f;
}
