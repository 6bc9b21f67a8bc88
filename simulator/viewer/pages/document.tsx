/**
 * Document page: decoded header (each code with its display name and code system), the narrative
 * through the allow-list, the version chain with diffs, nullification, findings, and the raw XML.
 */
import type { ComponentChildren, VNode } from 'preact';
import type { ArchivedDocument, CodedValue, InstanceId } from '../../domain/cda.ts';
import {
  Coded,
  DataTable,
  Empty,
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
import { finnishDateTime, REPOSITORY_TERMS } from '../labels.ts';
import { CdaNarrative, XhtmlNarrative, type CdaSection } from '../narrative.tsx';
import { Guard, Unreadable } from '../guard.tsx';
import { PrettyXml } from '../pretty-xml.tsx';
import type { ArchivistScope } from '../scope.ts';
import type { XElement } from '../../xml/ordered.ts';
import { tsToIso } from '../../archive/header.ts';

export interface DocumentProps {
  scope: ArchivistScope;
  doc: ArchivedDocument;
  versions: ArchivedDocument[];
  xml:
    | {
        ok: true;
        root: XElement;
        prolog: string | undefined;
        sections: CdaSection[];
        nonXmlBody?: string;
        /** A social-welfare document's decoded XHTML view (nonXMLBody/text, base64). */
        socialXhtml?: XElement;
      }
    | { ok: false; problem: string };
  /** Names of organisations the page mentions, by OID. */
  names: ReadonlyMap<string, string>;
}

function ii(id: InstanceId | undefined): string | undefined {
  if (!id) return undefined;
  return id.extension === undefined ? id.root : `${id.root} · ${id.extension}`;
}

function Time({ ts }: { ts: string | undefined }): VNode {
  if (ts === undefined) return <span class="muted">–</span>;
  return (
    <span>
      {finnishDateTime(tsToIso(ts))} <code class="sub-inline">{ts}</code>
    </span>
  );
}

function Section({
  id,
  title,
  fi,
  children,
}: {
  id: string;
  title: string;
  fi: string;
  children: ComponentChildren;
}): VNode {
  return (
    <section id={id} class="docsection" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        {title} <span class="fi">{fi}</span>
      </h2>
      <Guard fallback={<Unreadable what={`The ${title.toLowerCase()} section`} />}>{children}</Guard>
    </section>
  );
}

function SectionView({ section, depth }: { section: CdaSection; depth: number }): VNode {
  const Heading = depth === 0 ? 'h3' : 'h4';
  return (
    <div class="cda-section">
      {(section.title !== undefined || section.code) && (
        <Heading class="cda-section-title">
          {section.title ?? '(untitled section)'}
          {section.code && (
            <span class="cda-section-code">
              <Coded
                value={{
                  code: section.code.code,
                  codeSystem: section.code.codeSystem,
                  ...(section.code.displayName !== undefined && { displayName: section.code.displayName }),
                }}
              />
            </span>
          )}
        </Heading>
      )}
      {section.text ? (
        <CdaNarrative text={section.text} />
      ) : (
        <p class="muted">No narrative text in this section.</p>
      )}
      {section.sections.map((s, i) => (
        <SectionView key={i} section={s} depth={depth + 1} />
      ))}
    </div>
  );
}

function codedRows(
  rows: [string, string, CodedValue | undefined][],
): [ComponentChildren, ComponentChildren][] {
  return rows
    .filter(([, , v]) => v !== undefined)
    .map(([en, fi, v]) => [<Label en={en} fi={fi} />, <Coded value={v} />]);
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
  return (
    <Fields
      rows={[
        [
          <Label en="Kind" fi="Asiakirjan laji" />,
          s.kind === 'client-relationship'
            ? 'Client-relationship document · Asiakkuusasiakirja'
            : s.kind === 'client'
              ? 'Client document · Asiakasasiakirja'
              : '–',
        ],
        [
          <Label en="General document type" fi="Asiakasasiakirjatyyppi" />,
          s.documentCode?.code ? (
            <Coded value={s.documentCode.code} />
          ) : (
            <span class="muted">nullFlavor {s.documentCode?.nullFlavor ?? '–'}</span>
          ),
        ],
        ...codedRows([
          ['Document type', 'Asiakirjan tarkenne', l.specificDocumentType],
          ['Service process', 'Sosiaalihuollon palveluprosessi', l.serviceProcess?.code],
          ['Display restriction', 'Näyttämisen rajaamisen peruste', l.inaccessibleArgument],
          ['Special content', 'Erityinen sisältö', l.specialContent],
          ['Retention', 'Kokonaissäilytysaika', l.totalRetentionPeriodClass],
          ['Display form', 'Näyttömuoto', l.fileFormat],
          ['Consent', 'Alaikäisen tietojen luovuttaminen', s.consent],
        ]),
        [
          <Label en="Restriction argument" fi="Luovutuksen rajoittamisen peruste" />,
          text(l.authorizationRestrictionArgument),
        ],
        [<Label en="Case" fi="Asia" />, <code>{ii(s.case) ?? '–'}</code>],
        [
          <Label en="Client relationship" fi="Asiakkuus" />,
          <code>{ii(l.encompassingClientRelationship) ?? '–'}</code>,
        ],
        [
          <Label en="Service organiser" fi="Palvelunjärjestäjä" />,
          <span>
            <code>{ii(l.outsourcingServiceCustomer) ?? '–'}</code> {l.outsourcingServiceCustomerName}
          </span>,
        ],
        [
          <Label en="Content specification" fi="Sisältömäärittely" />,
          <code>{text(l.contentSpecificationId)}</code>,
        ],
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
  return (
    <Layout title={h.title ?? doc.oid} scope={scope} nav="find">
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/find">Find</a>
        {doc.patient !== undefined && (
          <>
            {' › '}
            <a href={`/viewer/persons/${encodeURIComponent(doc.patient)}`}>{doc.patient}</a>
          </>
        )}
        {' › '}
        <span aria-current="page">Document</span>
      </nav>
      <PageHead title={h.title ?? '(untitled document)'}>
        <div class="badges">
          <StatusBadge status={doc.status} />
          <RepositoryBadge repository={doc.repository} />
          <span class="badge badge-version">version {doc.versionNumber}</span>
          {!doc.valid && <InvalidBadge />}
        </div>
      </PageHead>
      {doc.status === 'nullified' && doc.nullification && (
        <Notice kind="error">
          <strong>Nullified · Mitätöity</strong> {finnishDateTime(doc.nullification.at)} by{' '}
          {doc.nullification.by}
          {doc.nullification.organisation !== undefined && ` (${doc.nullification.organisation})`}: “
          {doc.nullification.reason}”. The document stays archived and readable here, but no longer counts.
        </Notice>
      )}
      {doc.status === 'replaced' && doc.replacedBy !== undefined && (
        <Notice kind="warn">
          Replaced · Korvattu by a later version:{' '}
          <a href={`/viewer/documents/${encodeURIComponent(doc.replacedBy)}`}>{doc.replacedBy}</a>
        </Notice>
      )}
      {!doc.valid && (
        <Notice kind="warn">
          Stored in rehearsal mode despite blocking findings: it does not count as archived for a deployment
          test.
        </Notice>
      )}
      <div class="card summary">
        <Fields
          rows={[
            [
              <Label en="Person" fi="Henkilö" />,
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
            [<Label en="Effective time" fi="Laatimisaika" />, <Time ts={h.effectiveTime} />],
            [<Label en="Document type" fi="Asiakirjan tyyppi" />, <Coded value={lh.documentType} />],
            [
              <Label en="Repository" fi="Arkisto" />,
              `${REPOSITORY_TERMS[doc.repository].en} · ${REPOSITORY_TERMS[doc.repository].fi}`,
            ],
            [
              <Label en="Register controller" fi="Rekisterinpitäjä" />,
              <Oid value={doc.custodian} name={name(doc.custodian)} />,
            ],
            [<Label en="Archived" fi="Arkistoitu" />, finnishDateTime(doc.receivedAt.slice(0, 19))],
            [<Label en="Document OID" fi="Asiakirjan tunniste" />, <code>{doc.oid}</code>],
          ]}
        />
        <div class="summary-actions">
          <a class="btn btn-primary" href={`/viewer/documents/${encodeURIComponent(doc.oid)}/compare`}>
            Compare with source system
          </a>
          {previous && (
            <a
              class="btn"
              href={`/viewer/documents/${encodeURIComponent(doc.oid)}/diff?with=${encodeURIComponent(previous.oid)}`}
            >
              Diff with version {previous.versionNumber}
            </a>
          )}
          {previous && (
            <a
              class="btn btn-quiet"
              href={`/viewer/documents/${encodeURIComponent(previous.oid)}`}
              rel="prev"
            >
              ← Version {previous.versionNumber}
            </a>
          )}
          {next && (
            <a class="btn btn-quiet" href={`/viewer/documents/${encodeURIComponent(next.oid)}`} rel="next">
              Version {next.versionNumber} →
            </a>
          )}
        </div>
      </div>
      <nav class="subnav" aria-label="On this page">
        <a href="#narrative">Narrative</a>
        <a href="#header">Header</a>
        <a href="#versions">Versions ({versions.length})</a>
        <a href="#findings">Findings ({doc.findings.length})</a>
        <a href="#xml">XML</a>
      </nav>

      <Section id="narrative" title="Narrative" fi="Asiakirjan teksti">
        {!xml.ok ? (
          <Notice kind="error">The stored XML could not be shown: {xml.problem}</Notice>
        ) : xml.socialXhtml !== undefined ? (
          <div class="card narrative-card" data-testid="narrative">
            <p class="muted">
              XHTML view of the document · Asiakirjan näyttömuoto (rendered through the allow-list)
            </p>
            <XhtmlNarrative div={xml.socialXhtml} />
          </div>
        ) : xml.nonXmlBody !== undefined ? (
          <Notice kind="info">
            This document has a non-XML body ({xml.nonXmlBody}); the viewer does not render it.
          </Notice>
        ) : xml.sections.length === 0 ? (
          <Empty>The document has no sections.</Empty>
        ) : (
          <div class="card narrative-card" data-testid="narrative">
            {xml.sections.map((s, i) => (
              <SectionView key={i} section={s} depth={0} />
            ))}
          </div>
        )}
      </Section>

      <Section id="header" title="Header" fi="Otsikkotiedot">
        <div class="cols">
          <div class="card">
            <h3>Document</h3>
            <Fields
              rows={[
                [<Label en="Id" fi="Tunniste" />, <code>{ii(h.id)}</code>],
                [<Label en="Set id" fi="Asiakirjasarja" />, <code>{ii(h.setId) ?? '–'}</code>],
                [<Label en="Version" fi="Versio" />, h.versionNumber ?? '–'],
                [<Label en="Title" fi="Otsikko" />, h.title ?? '–'],
                [<Label en="Effective time" fi="Laatimisaika" />, <Time ts={h.effectiveTime} />],
                [<Label en="Language" fi="Kieli" />, h.languageCode ?? '–'],
                ...codedRows([
                  ['Register', 'Rekisteritunnus', h.registerCode],
                  ['Confidentiality', 'Luottamuksellisuus', h.confidentiality],
                ]),
                [
                  <Label en="Templates" />,
                  h.templateIds.length === 0 ? '–' : <code>{h.templateIds.join(', ')}</code>,
                ],
                [<Label en="Replaces" fi="Korvaa" />, h.replaces ? <code>{ii(h.replaces.id)}</code> : '–'],
                [
                  <Label en="Views" fi="Näkymät" />,
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
            <h3>Patient, authors and custodian</h3>
            <Fields
              rows={[
                [
                  <Label en="Patient" fi="Potilas" />,
                  h.patient ? (
                    <span>
                      <code>{ii(h.patient.id)}</code> {h.patient.name}{' '}
                      <span class="badge">{h.patient.idKind}</span>
                    </span>
                  ) : (
                    '–'
                  ),
                ],
                [<Label en="Birth time" fi="Syntymäaika" />, <Time ts={h.patient?.birthTime} />],
                ...h.authors.map((a, i): [ComponentChildren, ComponentChildren] => [
                  <Label en={`Author ${i + 1}`} fi="Laatija" />,
                  <span>
                    {a.name ?? '–'} <Oid value={a.organisation} name={name(a.organisation)} />{' '}
                    {a.functionCode && <Coded value={a.functionCode} />}
                  </span>,
                ]),
                [
                  <Label en="Custodian" fi="Rekisterinpitäjä" />,
                  <Oid value={h.custodian?.oid} name={h.custodian?.name ?? name(h.custodian?.oid)} />,
                ],
                [
                  <Label en="Service event" fi="Palvelutapahtuma" />,
                  <code>{ii(h.encounter?.id) ?? '–'}</code>,
                ],
                [
                  <Label en="Event period" fi="Ajanjakso" />,
                  <span>
                    <Time ts={h.encounter?.low} /> – <Time ts={h.encounter?.high} />
                  </span>,
                ],
                [
                  <Label en="Service provider" fi="Palvelujen antaja" />,
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
                    ['Document type', 'Asiakirjan tyyppi', lh.documentType],
                    ['Function', 'Tehtäväluokka', lh.functionCode],
                    ['Record status', 'Valmistumisen tila', lh.recordStatus],
                    ['File format', 'Tiedostomuoto', lh.fileFormat],
                    ['Custodian type', 'Rekisterinpitäjän laji', lh.custodianTypeCode],
                    ['Retention class', 'Säilytysaikaluokka', lh.retentionPeriodClass],
                    ['Encounter type', 'Palvelutapahtuman tyyppi', lh.encompassingEncounterCode],
                    ['Primary/secondary', 'Ensisijaisuus', lh.encompassingEncounterMasterCode],
                    ['Home municipality', 'Kotikunta', lh.patientHomeMunicipality],
                    ['Type (legacy)', 'typeCode', lh.typeCode],
                  ]),
                  ...(lh.softwareSupport
                    ? [
                        [
                          <Label en="Software" fi="Ohjelmisto" />,
                          `${lh.softwareSupport.product ?? ''} ${lh.softwareSupport.version ?? ''} ${lh.softwareSupport.moderator ?? ''}`.trim(),
                        ] as [ComponentChildren, ComponentChildren],
                      ]
                    : []),
                  ...lh.signatures.map((s, i): [ComponentChildren, ComponentChildren] => [
                    <Label en={`Signature ${i + 1}`} fi="Allekirjoitus" />,
                    <span>
                      <Coded value={s.description} /> {s.timestamp}
                    </span>,
                  ]),
                  ...(lh.otherElements.length > 0
                    ? [
                        [<Label en="Other elements" />, <code>{lh.otherElements.join(', ')}</code>] as [
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
                <h3>
                  Social welfare <span class="fi">Sosiaalihuolto</span>
                </h3>
                <Fields
                  rows={codedRows([
                    ['Document group', 'Asiakirjaryhmä', h.social.documentGroup],
                    ['Service task', 'Palvelutehtävä', h.social.serviceTask],
                  ])}
                />
                {h.social.local && <SocialHeaderFields doc={doc} />}
              </>
            )}
            {doc.message && (
              <>
                <h3>
                  Archiving message <span class="fi">Arkistointisanoma</span>
                </h3>
                <Fields
                  rows={[
                    [<Label en="Interaction" />, <code>{doc.message.interactionId}</code>],
                    [<Label en="Message id" />, <code>{ii(doc.message.messageId) ?? '–'}</code>],
                    [
                      <Label en="Sender device" fi="Lähettäjä" />,
                      <code>{ii(doc.message.senderDevice) ?? '–'}</code>,
                    ],
                    [
                      <Label en="Service request" fi="Palvelupyyntö" />,
                      <Coded value={doc.message.reasonCode} />,
                    ],
                    [
                      <Label en="Organisation" />,
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

      <Section id="versions" title="Versions" fi="Versiot">
        <DataTable
          testid="versions"
          columns={['Version', 'Document OID', 'Effective', 'Archived', 'Status', 'Diff']}
        >
          {versions.map((v, i) => {
            const before = i > 0 ? versions[i - 1] : undefined;
            return (
              <tr
                key={v.oid}
                class={v.oid === doc.oid ? 'current-row' : undefined}
                aria-current={v.oid === doc.oid ? 'true' : undefined}
              >
                <td class="num">v{v.versionNumber}</td>
                <td>
                  {v.oid === doc.oid ? (
                    <code>{v.oid}</code>
                  ) : (
                    <a href={`/viewer/documents/${encodeURIComponent(v.oid)}`}>
                      <code>{v.oid}</code>
                    </a>
                  )}
                </td>
                <td class="nowrap">{finnishDateTime(v.effectiveAt)}</td>
                <td class="nowrap">{finnishDateTime(v.receivedAt.slice(0, 19))}</td>
                <td>
                  <StatusBadge status={v.status} /> {!v.valid && <InvalidBadge />}
                </td>
                <td>
                  {before ? (
                    <a
                      href={`/viewer/documents/${encodeURIComponent(v.oid)}/diff?with=${encodeURIComponent(before.oid)}`}
                    >
                      v{before.versionNumber} → v{v.versionNumber}
                    </a>
                  ) : (
                    <span class="muted">first</span>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      </Section>

      <Section id="findings" title="Validation findings" fi="Tarkastushavainnot">
        <FindingsTable findings={doc.findings} />
      </Section>

      <Section id="xml" title="Raw XML" fi="XML">
        <p>
          Pretty-printed for reading; the{' '}
          <a href={`/viewer/documents/${encodeURIComponent(doc.oid)}/xml`}>byte-exact XML as archived</a> (
          {doc.sizeBytes} bytes, SHA-256 <code class="hash">{doc.sha256.slice(0, 16)}…</code>) downloads as a
          file.
        </p>
        {xml.ok ? (
          <PrettyXml root={xml.root} prolog={xml.prolog} />
        ) : (
          <Notice kind="error">{xml.problem}</Notice>
        )}
      </Section>
    </Layout>
  );
}
