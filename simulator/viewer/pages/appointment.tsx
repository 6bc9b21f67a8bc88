/**
 * Appointment page (PTA ajanvaraus, docs/kanta.md#kanta-appointment-api): the Appointment with its Provenances and version
 * history, statuses in FHIR and Finnish terms, narrative through the XHTML allow-list.
 */
import type { Appointment, CodeableConcept, Provenance } from 'fhir/r4.js';
import type { ComponentChildren, VNode } from 'preact';
import type { StoredResource } from '../../domain/fhir.ts';
import { DataTable, Fields, Label, Layout, Notice, PageHead } from '../components.tsx';
import { codeDisplay, codeSystemLabel } from '../labels.ts';
import { CodeName, useT, When } from '../i18n.tsx';
import { XhtmlNarrative } from '../narrative.tsx';
import type { ArchivistScope } from '../scope.ts';
import { parseOrdered } from '../../xml/ordered.ts';
import { Guard, Unreadable, UnreadableRow } from '../guard.tsx';
import { AppointmentStatus } from './appointment-parts.tsx';

export interface AppointmentProps {
  scope: ArchivistScope;
  current: StoredResource<Appointment>;
  /** Newest first. */
  history: StoredResource<Appointment>[];
  provenances: StoredResource<Provenance>[];
  patient?: string;
  /** The service organiser OID (the newest Provenance's role-10 agent), when one is named. */
  organiser?: string;
  names: ReadonlyMap<string, string>;
}

function Concept({ value }: { value: CodeableConcept | undefined }): VNode {
  if (!value) return <span class="muted">–</span>;
  return (
    <span class="stack-inline">
      {(value.coding ?? []).map((c, i) => {
        const system = c.system === undefined ? undefined : codeSystemLabel(c.system);
        const listed =
          c.system !== undefined && c.code !== undefined ? codeDisplay(c.system, c.code) : undefined;
        return (
          <span key={i} class="coded">
            <span class="code">{c.code ?? '–'}</span>
            {listed !== undefined && c.system !== undefined && c.code !== undefined ? (
              <span class="display">
                {' '}
                <CodeName system={c.system} code={c.code} />
              </span>
            ) : (
              c.display !== undefined && <span class="display"> {c.display}</span>
            )}
            {c.system !== undefined && (
              <span class="system" title={c.system}>
                {system?.known === true ? (
                  <>
                    <span lang="fi">{system.name}</span> · {c.system}
                  </>
                ) : (
                  c.system
                )}
              </span>
            )}
          </span>
        );
      })}
      {value.text !== undefined && <span>{value.text}</span>}
    </span>
  );
}

/** FHIR `text.div` through the XHTML allow-list, or as plain text when it does not even parse. */
export function FhirNarrative({ div }: { div: string | undefined }): VNode | null {
  const t = useT();
  if (div === undefined) return null;
  const parsed = parseOrdered(div);
  if (!parsed.ok)
    return (
      <div>
        <Notice kind="warn">{t('apt.narrativeBroken', { problem: parsed.problem })}</Notice>
        <pre class="plain">{div}</pre>
      </div>
    );
  return <XhtmlNarrative div={parsed.root} />;
}

/** Provenance agent roles kantasim names (FI Scheduling: service organiser, booked by the patient). */
const ROLE_KEYS: Readonly<Record<string, string>> = { '10': 'apt.role.10', '12': 'apt.role.12' };

function Agents({ provenance }: { provenance: Provenance | undefined }): VNode {
  const t = useT();
  if (!provenance) return <span class="muted">–</span>;
  return (
    <ul class="plainlist">
      {provenance.agent.map((a, i) => {
        const role = a.role?.[0]?.coding?.[0]?.code ?? a.type?.coding?.[0]?.code;
        return (
          <li key={i}>
            <strong>
              {role === undefined
                ? t('apt.agent')
                : Object.hasOwn(ROLE_KEYS, role)
                  ? t(ROLE_KEYS[role] ?? '')
                  : t('apt.role', { role })}
            </strong>{' '}
            {a.who.display ?? ''} <code>{a.who.identifier?.value ?? a.who.reference ?? ''}</code>
          </li>
        );
      })}
    </ul>
  );
}

export function AppointmentPage({
  scope,
  current,
  history,
  provenances,
  patient,
  organiser: organiserOid,
  names,
}: AppointmentProps): VNode {
  const latestBody = current.resource ?? history.find((v) => v.resource)?.resource;
  const a = latestBody;
  const t = useT();
  const rows: [ComponentChildren, ComponentChildren][] = [
    [
      <Label k="label.person" />,
      patient !== undefined ? (
        <a href={`/viewer/persons/${encodeURIComponent(patient)}`}>
          <code>{patient}</code>
        </a>
      ) : (
        '–'
      ),
    ],
    [<Label k="label.status" />, <AppointmentStatus stored={current} />],
    [
      <Label k="label.time" />,
      <span data-testid="appointment-time">
        <When value={typeof a?.start === 'string' ? a.start : undefined} /> –{' '}
        <When value={typeof a?.end === 'string' ? a.end : undefined} />
      </span>,
    ],
    [<Label k="label.serviceCategory" />, <Concept value={a?.serviceCategory?.[0]} />],
    [<Label k="label.serviceType" />, <Concept value={a?.serviceType?.[0]} />],
    [<Label k="label.appointmentType" />, <Concept value={a?.appointmentType} />],
    [
      <Label k="label.serviceOrganiser" />,
      organiserOid !== undefined ? (
        <span>
          {names.get(organiserOid) ?? ''} <code>{organiserOid}</code>
        </span>
      ) : (
        '–'
      ),
    ],
    [
      <Label k="label.identifiers" />,
      (a?.identifier ?? []).length === 0 ? (
        '–'
      ) : (
        <span class="stack-inline">
          {(a?.identifier ?? []).map((id, i) => (
            <code key={i}>
              {id.system ?? ''} | {id.value ?? ''}
            </code>
          ))}
        </span>
      ),
    ],
    [<Label k="label.cancellationReason" />, <Concept value={a?.cancelationReason} />],
    [<Label k="label.comment" />, a?.comment ?? '–'],
    [<Label k="label.patientInstruction" />, a?.patientInstruction ?? '–'],
    [<Label k="label.lastUpdated" />, <When value={current.lastUpdated} />],
  ];
  return (
    <Layout
      title={
        (typeof a?.description === 'string' ? a.description : undefined) ??
        t('find.appointmentN', { id: current.id })
      }
      scope={scope}
      nav="find"
    >
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/find">{t('nav.find')}</a>
        {patient !== undefined && (
          <>
            {' › '}
            <a href={`/viewer/persons/${encodeURIComponent(patient)}`}>{patient}</a>
          </>
        )}
        {' › '}
        <span aria-current="page">{t('find.col.appointment')}</span>
      </nav>
      <PageHead
        title={
          (typeof a?.description === 'string' ? a.description : undefined) ??
          t('find.appointmentN', { id: current.id })
        }
      >
        <div class="badges">
          <AppointmentStatus stored={current} />
          <span class="badge badge-version">{t('apt.version', { version: current.versionId })}</span>
          {current.invalid && <span class="badge badge-invalid">{t('badge.invalid')}</span>}
          <code>Appointment/{current.id}</code>
        </div>
      </PageHead>
      {current.deleted && <Notice kind="error">{t('apt.withdrawn', { version: current.versionId })}</Notice>}
      <div class="cols">
        <div class="card">
          <Guard fallback={<Unreadable what={t('apt.fields')} />}>
            <Fields rows={rows} />
          </Guard>
        </div>
        <div class="card">
          <h3>{t('apt.narrative')}</h3>
          <div data-testid="fhir-narrative">
            {typeof a?.text?.div === 'string' ? (
              <Guard fallback={<Unreadable what={t('apt.theNarrative')} />}>
                <FhirNarrative div={a.text.div} />
              </Guard>
            ) : (
              <p class="muted">{t('apt.noNarrative')}</p>
            )}
          </div>
        </div>
      </div>
      <section class="docsection">
        <h2>{t('apt.provenance')}</h2>
        <DataTable
          testid="provenances"
          columns={[
            t('label.recorded'),
            t('apt.col.target'),
            t('apt.col.activity'),
            t('apt.col.agents'),
            t('apt.narrative'),
          ]}
        >
          {provenances.map((p) => (
            <Guard
              key={p.id}
              fallback={<UnreadableRow what={t('apt.provenanceN', { id: p.id })} columns={5} />}
            >
              <tr>
                <td class="when-cell" data-label={t('label.recorded')}>
                  <When value={typeof p.resource?.recorded === 'string' ? p.resource.recorded : undefined} />
                </td>
                <td data-label={t('apt.col.target')}>
                  {(p.resource?.target ?? []).map((target, i) => (
                    <code key={i}>{target.reference ?? ''}</code>
                  ))}
                </td>
                <td data-label={t('apt.col.activity')}>
                  <Concept value={p.resource?.activity} />
                </td>
                <td data-label={t('apt.col.agents')}>
                  <Agents provenance={p.resource} />
                </td>
                <td data-label={t('apt.narrative')}>
                  <FhirNarrative div={p.resource?.text?.div} />
                </td>
              </tr>
            </Guard>
          ))}
        </DataTable>
      </section>
      <section class="docsection">
        <h2>{t('apt.history')}</h2>
        <DataTable
          testid="history"
          columns={[t('label.version'), t('apt.col.written'), t('label.status'), t('find.col.start')]}
        >
          {history.map((v) => (
            <Guard
              key={v.versionId}
              fallback={<UnreadableRow what={t('apt.versionN', { version: v.versionId })} columns={4} />}
            >
              <tr>
                <td class="num" data-label={t('label.version')}>
                  v{v.versionId}
                </td>
                <td class="when-cell" data-label={t('apt.col.written')}>
                  <When value={v.lastUpdated} />
                </td>
                <td data-label={t('label.status')}>
                  <AppointmentStatus stored={v} />
                </td>
                <td class="when-cell" data-label={t('find.col.start')}>
                  <When value={typeof v.resource?.start === 'string' ? v.resource.start : undefined} />
                </td>
              </tr>
            </Guard>
          ))}
        </DataTable>
      </section>
      <section class="docsection">
        <h2>{t('apt.json')}</h2>
        <pre class="xml" tabIndex={0}>
          <code>{JSON.stringify(current.resource ?? latestBody ?? null, null, 2)}</code>
        </pre>
      </section>
    </Layout>
  );
}
