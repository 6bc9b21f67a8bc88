/**
 * Document page: decoded header (each code with its display name and code system), the narrative
 * through the allow-list, the version chain with diffs, nullification, findings, and the raw XML.
 */
import type { ComponentChildren, VNode } from 'preact';
import type { ArchivedDocument, CodedValue, InstanceId } from '../../domain/cda.ts';
import {
  Coded,
  DataTable,
  Fields,
  FindingsTable,
  InvalidBadge,
  Label,
  Layout,
  Notice,
  Oid,
  PageHead,
  RepositoryBadge,
  StatusBadge,
} from '../components.tsx';
import { cdaTimeToIso, useT, When } from '../i18n.tsx';
import { NarrativeView, XmlView, type DocumentXml, type RenderedBody } from '../document-body.tsx';
import { Guard, Unreadable } from '../guard.tsx';
import type { ArchivistScope } from '../scope.ts';

export interface DocumentProps {
  scope: ArchivistScope;
  doc: ArchivedDocument;
  versions: ArchivedDocument[];
  /** The stored XML, parsed, or its narrative and raw-XML parts already rendered (document-body.tsx). */
  xml: DocumentXml | RenderedBody;
  /** Names of organisations the page mentions, by OID. */
  names: ReadonlyMap<string, string>;
}

function ii(id: InstanceId | undefined): string | undefined {
  if (!id) return undefined;
  return id.extension === undefined ? id.root : `${id.root} · ${id.extension}`;
}

/** A CDA time in Helsinki time with its zone, and the value as written beside it. */
function Time({ ts }: { ts: string | undefined }): VNode {
  if (ts === undefined) return <span class="muted">–</span>;
  return (
    <span>
      <When value={cdaTimeToIso(ts)} /> <code class="sub-inline">{ts}</code>
    </span>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }): VNode {
  const t = useT();
  return (
    <section id={id} class="docsection" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      <Guard fallback={<Unreadable what={t('doc.sectionN', { title })} />}>{children}</Guard>
    </section>
  );
}

/** HTML rendered (and escaped) by preact-render-to-string in document-body.tsx. */
function Html({ html }: { html: string }): VNode {
  return <div class="rendered-part" dangerouslySetInnerHTML={{ __html: html }} />;
}

function codedRows(rows: [string, CodedValue | undefined][]): [ComponentChildren, ComponentChildren][] {
  return rows.filter(([, v]) => v !== undefined).map(([k, v]) => [<Label k={k} />, <Coded value={v} />]);
}

/**
 * The social-welfare header (hl7fi:localSocialHeader) of a document in Kanta's format, with the Finnish
 * displays of the code lists: document types, service process, display restrictions, consent, case.
 */
function SocialHeaderFields({ doc }: { doc: ArchivedDocument }): VNode {
  const s = doc.header.social;
  const l = s.local;
  if (!l) return <></>;
  const text = (value: string | undefined): ComponentChildren => value ?? '–';
  const t = useT();
  return (
    <Fields
      rows={[
        [
          <Label k="label.kind" />,
          s.kind === 'client-relationship'
            ? t('doc.kind.clientRelationship')
            : s.kind === 'client'
              ? t('doc.kind.client')
              : '–',
        ],
        [
          <Label k="label.generalDocumentType" />,
          s.documentCode?.code ? (
            <Coded value={s.documentCode.code} />
          ) : (
            <span class="muted">nullFlavor {s.documentCode?.nullFlavor ?? '–'}</span>
          ),
        ],
        ...codedRows([
          ['label.documentType2', l.specificDocumentType],
          ['label.serviceProcess', l.serviceProcess?.code],
          ['label.displayRestriction', l.inaccessibleArgument],
          ['label.specialContent', l.specialContent],
          ['label.retention', l.totalRetentionPeriodClass],
          ['label.displayForm', l.fileFormat],
          ['label.consent', s.consent],
        ]),
        [<Label k="label.restrictionArgument" />, text(l.authorizationRestrictionArgument)],
        [<Label k="label.case" />, <code>{ii(s.case) ?? '–'}</code>],
        [<Label k="label.clientRelationship" />, <code>{ii(l.encompassingClientRelationship) ?? '–'}</code>],
        [
          <Label k="label.serviceOrganiser" />,
          <span>
            <code>{ii(l.outsourcingServiceCustomer) ?? '–'}</code> {l.outsourcingServiceCustomerName}
          </span>,
        ],
        [<Label k="label.contentSpecification" />, <code>{text(l.contentSpecificationId)}</code>],
      ]}
    />
  );
}

export function DocumentPage({ scope, doc, versions, xml, names }: DocumentProps): VNode {
  const h = doc.header;
  const lh = h.localHeader;
  const name = (oid: string | undefined): string | undefined =>
    oid === undefined ? undefined : names.get(oid);
  const index = versions.findIndex((v) => v.oid === doc.oid);
  const previous = index > 0 ? versions[index - 1] : undefined;
  const next = index >= 0 ? versions[index + 1] : undefined;
  const t = useT();
  return (
    <Layout title={h.title ?? doc.oid} scope={scope} nav="find">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/find">{t('nav.find')}</a>
        {doc.patient !== undefined && (
          <>
            {' › '}
            <a href={`/viewer/persons/${encodeURIComponent(doc.patient)}`}>{doc.patient}</a>
          </>
        )}
        {' › '}
        <span aria-current="page">{t('person.document')}</span>
      </nav>
      <PageHead title={h.title ?? t('doc.untitled')}>
        <div class="badges">
          <StatusBadge status={doc.status} />
          <RepositoryBadge repository={doc.repository} />
          <span class="badge badge-version">{t('apt.version', { version: doc.versionNumber })}</span>
          {!doc.valid && <InvalidBadge />}
        </div>
      </PageHead>
      {doc.status === 'nullified' && doc.nullification && (
        <Notice kind="error">
          <strong>{t('status.nullified')}</strong> <When value={doc.nullification.at} />{' '}
          {t('doc.nullifiedBy', {
            by:
              doc.nullification.organisation !== undefined
                ? `${doc.nullification.by} (${doc.nullification.organisation})`
                : doc.nullification.by,
            reason: doc.nullification.reason,
          })}
        </Notice>
      )}
      {doc.status === 'replaced' && doc.replacedBy !== undefined && (
        <Notice kind="warn">
          {t('doc.replacedBy')}{' '}
          <a href={`/viewer/documents/${encodeURIComponent(doc.replacedBy)}`}>{doc.replacedBy}</a>
        </Notice>
      )}
      {!doc.valid && <Notice kind="warn">{t('doc.rehearsal')}</Notice>}
      <div class="card summary">
        <Fields
          rows={[
            [
              <Label k="label.person" />,
              doc.patient !== undefined ? (
                <span>
                  <a href={`/viewer/persons/${encodeURIComponent(doc.patient)}`}>
                    <code>{doc.patient}</code>
                  </a>{' '}
                  {h.patient?.name}
                </span>
              ) : (
                '–'
              ),
            ],
            [<Label k="label.effectiveTime" />, <Time ts={h.effectiveTime} />],
            [<Label k="label.documentType" />, <Coded value={lh.documentType} />],
            [<Label k="label.repository" />, t(`repository.${doc.repository}`)],
            [
              <Label k="label.registerController" />,
              <Oid value={doc.custodian} name={name(doc.custodian)} />,
            ],
            [<Label k="label.archived" />, <When value={doc.receivedAt} />],
            [<Label k="label.documentOID" />, <code>{doc.oid}</code>],
          ]}
        />
        <div class="summary-actions">
          <a class="btn btn-primary" href={`/viewer/documents/${encodeURIComponent(doc.oid)}/compare`}>
            {t('doc.compare')}
          </a>
          {previous && (
            <a
              class="btn"
              href={`/viewer/documents/${encodeURIComponent(doc.oid)}/diff?with=${encodeURIComponent(previous.oid)}`}
            >
              {t('doc.diffWith', { version: previous.versionNumber })}
            </a>
          )}
          {previous && (
            <a
              class="btn btn-quiet"
              href={`/viewer/documents/${encodeURIComponent(previous.oid)}`}
              rel="prev"
            >
              ← {t('apt.versionN', { version: previous.versionNumber })}
            </a>
          )}
          {next && (
            <a class="btn btn-quiet" href={`/viewer/documents/${encodeURIComponent(next.oid)}`} rel="next">
              {t('apt.versionN', { version: next.versionNumber })} →
            </a>
          )}
        </div>
      </div>
      <nav class="subnav" aria-label={t('doc.onThisPage')}>
        <a href="#narrative">{t('page.narrative')}</a>
        <a href="#header">{t('page.header')}</a>
        <a href="#versions">
          {t('page.versions')} ({versions.length})
        </a>
        <a href="#findings">
          {t('doc.findings')} ({doc.findings.length})
        </a>
        <a href="#xml">XML</a>
      </nav>

      <Section id="narrative" title={t('page.narrative')}>
        {'rendered' in xml ? <Html html={xml.narrative} /> : <NarrativeView xml={xml} />}
      </Section>

      <Section id="header" title={t('page.header')}>
        <div class="cols">
          <div class="card">
            <h3>{t('person.document')}</h3>
            <Fields
              rows={[
                [<Label k="label.id" />, <code>{ii(h.id)}</code>],
                [<Label k="label.setId" />, <code>{ii(h.setId) ?? '–'}</code>],
                [<Label k="label.version" />, h.versionNumber ?? '–'],
                [<Label k="label.title" />, h.title ?? '–'],
                [<Label k="label.effectiveTime" />, <Time ts={h.effectiveTime} />],
                [<Label k="label.language" />, h.languageCode ?? '–'],
                ...codedRows([
                  ['label.register', h.registerCode],
                  ['label.confidentiality', h.confidentiality],
                ]),
                [
                  <Label k="label.templates" />,
                  h.templateIds.length === 0 ? '–' : <code>{h.templateIds.join(', ')}</code>,
                ],
                [<Label k="label.replaces" />, h.replaces ? <code>{ii(h.replaces.id)}</code> : '–'],
                [
                  <Label k="label.views" />,
                  h.viewCodes.length === 0 ? (
                    '–'
                  ) : (
                    <span class="stack-inline">
                      {h.viewCodes.map((v, i) => (
                        <Coded key={i} value={v} />
                      ))}
                    </span>
                  ),
                ],
              ]}
            />
          </div>
          <div class="card">
            <h3>{t('doc.parties')}</h3>
            <Fields
              rows={[
                [
                  <Label k="label.patient" />,
                  h.patient ? (
                    <span>
                      <code>{ii(h.patient.id)}</code> {h.patient.name}{' '}
                      <span class="badge">{h.patient.idKind}</span>
                    </span>
                  ) : (
                    '–'
                  ),
                ],
                [<Label k="label.birthTime" />, <Time ts={h.patient?.birthTime} />],
                ...h.authors.map((a, i): [ComponentChildren, ComponentChildren] => [
                  <>{t('doc.authorN', { n: i + 1 })}</>,
                  <span>
                    {a.name ?? '–'} <Oid value={a.organisation} name={name(a.organisation)} />{' '}
                    {a.functionCode && <Coded value={a.functionCode} />}
                  </span>,
                ]),
                [
                  <Label k="label.custodian" />,
                  <Oid value={h.custodian?.oid} name={h.custodian?.name ?? name(h.custodian?.oid)} />,
                ],
                [<Label k="label.serviceEvent" />, <code>{ii(h.encounter?.id) ?? '–'}</code>],
                [
                  <Label k="label.eventPeriod" />,
                  <span>
                    <Time ts={h.encounter?.low} /> – <Time ts={h.encounter?.high} />
                  </span>,
                ],
                [
                  <Label k="label.serviceProvider" />,
                  <Oid
                    value={h.encounter?.responsibleOrganisation}
                    name={name(h.encounter?.responsibleOrganisation)}
                  />,
                ],
              ]}
            />
          </div>
          <div class="card">
            <h3>
              Finnish local header <span class="fi">hl7fi:localHeader</span>
            </h3>
            {!lh.present ? (
              <p class="muted">No local header.</p>
            ) : (
              <Fields
                rows={[
                  ...codedRows([
                    ['label.documentType', lh.documentType],
                    ['label.function', lh.functionCode],
                    ['label.recordStatus', lh.recordStatus],
                    ['label.fileFormat', lh.fileFormat],
                    ['label.custodianType', lh.custodianTypeCode],
                    ['label.retentionClass', lh.retentionPeriodClass],
                    ['label.encounterType', lh.encompassingEncounterCode],
                    ['label.primarySecondary', lh.encompassingEncounterMasterCode],
                    ['label.homeMunicipality', lh.patientHomeMunicipality],
                    ['label.typeLegacy', lh.typeCode],
                  ]),
                  ...(lh.softwareSupport
                    ? [
                        [
                          <Label k="label.software" />,
                          `${lh.softwareSupport.product ?? ''} ${lh.softwareSupport.version ?? ''} ${lh.softwareSupport.moderator ?? ''}`.trim(),
                        ] as [ComponentChildren, ComponentChildren],
                      ]
                    : []),
                  ...lh.signatures.map((s, i): [ComponentChildren, ComponentChildren] => [
                    <>{t('doc.signatureN', { n: i + 1 })}</>,
                    <span>
                      <Coded value={s.description} /> {s.timestamp}
                    </span>,
                  ]),
                  ...(lh.otherElements.length > 0
                    ? [
                        [<Label k="label.otherElements" />, <code>{lh.otherElements.join(', ')}</code>] as [
                          ComponentChildren,
                          ComponentChildren,
                        ],
                      ]
                    : []),
                ]}
              />
            )}
            {(h.social.documentGroup || h.social.serviceTask) && (
              <>
                <h3>{t('doc.social')}</h3>
                <Fields
                  rows={codedRows([
                    ['label.documentGroup', h.social.documentGroup],
                    ['label.serviceTask', h.social.serviceTask],
                  ])}
                />
                {h.social.local && <SocialHeaderFields doc={doc} />}
              </>
            )}
            {doc.message && (
              <>
                <h3>{t('doc.message')}</h3>
                <Fields
                  rows={[
                    [<Label k="label.interaction" />, <code>{doc.message.interactionId}</code>],
                    [<Label k="label.messageId" />, <code>{ii(doc.message.messageId) ?? '–'}</code>],
                    [<Label k="label.senderDevice" />, <code>{ii(doc.message.senderDevice) ?? '–'}</code>],
                    [<Label k="label.serviceRequest" />, <Coded value={doc.message.reasonCode} />],
                    [
                      <Label k="label.organisation" />,
                      <Oid
                        value={doc.message.representedOrganisation}
                        name={name(doc.message.representedOrganisation)}
                      />,
                    ],
                  ]}
                />
              </>
            )}
          </div>
        </div>
      </Section>

      <Section id="versions" title={t('page.versions')}>
        <DataTable
          testid="versions"
          columns={[
            t('label.version'),
            t('label.documentOID'),
            t('doc.effective'),
            t('label.archived'),
            t('label.status'),
            t('doc.diff'),
          ]}
        >
          {versions.map((v, i) => {
            const before = i > 0 ? versions[i - 1] : undefined;
            return (
              <tr
                key={v.oid}
                class={v.oid === doc.oid ? 'current-row' : undefined}
                aria-current={v.oid === doc.oid ? 'true' : undefined}
              >
                <td class="num" data-label={t('label.version')}>
                  v{v.versionNumber}
                </td>
                <td data-label={t('label.documentOID')}>
                  {v.oid === doc.oid ? (
                    <code>{v.oid}</code>
                  ) : (
                    <a href={`/viewer/documents/${encodeURIComponent(v.oid)}`}>
                      <code>{v.oid}</code>
                    </a>
                  )}
                </td>
                <td class="when-cell" data-label={t('doc.effective')}>
                  <When value={v.effectiveAt} />
                </td>
                <td class="when-cell" data-label={t('label.archived')}>
                  <When value={v.receivedAt} />
                </td>
                <td data-label={t('label.status')}>
                  <StatusBadge status={v.status} /> {!v.valid && <InvalidBadge />}
                </td>
                <td data-label={t('doc.diff')}>
                  {before ? (
                    <a
                      href={`/viewer/documents/${encodeURIComponent(v.oid)}/diff?with=${encodeURIComponent(before.oid)}`}
                    >
                      v{before.versionNumber} → v{v.versionNumber}
                    </a>
                  ) : (
                    <span class="muted">{t('doc.first')}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </Section>

      <Section id="findings" title={t('page.validationFindings')}>
        <FindingsTable findings={doc.findings} />
      </Section>

      <Section id="xml" title={t('page.rawXML')}>
        <p>
          {t('doc.xmlPretty')}{' '}
          <a href={`/viewer/documents/${encodeURIComponent(doc.oid)}/xml`}>{t('doc.xmlExact')}</a> (
          {t('doc.bytes', { bytes: doc.sizeBytes })}, SHA-256{' '}
          <code class="hash">{doc.sha256.slice(0, 16)}…</code>)
        </p>
        {'rendered' in xml ? <Html html={xml.xml} /> : <XmlView xml={xml} oid={doc.oid} />}
      </Section>
    </Layout>
  );
}
