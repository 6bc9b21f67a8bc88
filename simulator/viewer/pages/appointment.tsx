/**
 * Appointment page (PTA ajanvaraus, docs/kanta.md#kanta-appointment-api): the Appointment with its Provenances and version
 * history, statuses in FHIR and Finnish terms, narrative through the XHTML allow-list.
 */
import type { Appointment, CodeableConcept, Provenance } from 'fhir/r4.js';
import type { ComponentChildren, VNode } from 'preact';
import type { StoredResource } from '../../domain/fhir.ts';
import { DataTable, Fields, Label, Layout, Notice, PageHead } from '../components.tsx';
import { codeDisplay, codeSystemLabel, finnishDateTime } from '../labels.ts';
import { XhtmlNarrative } from '../narrative.tsx';
import type { ArchivistScope } from '../scope.ts';
import { parseOrdered } from '../../xml/ordered.ts';
import { Guard, Unreadable, UnreadableRow } from '../guard.tsx';
import { AppointmentStatus, isoText } from './appointment-parts.tsx';

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
        const display =
          c.system !== undefined && c.code !== undefined
            ? codeDisplay(c.system, c.code, c.display)
            : c.display;
        return (
          <span key={i} class="coded">
            <span class="code">{c.code ?? '–'}</span>
            {display !== undefined && <span class="display"> {display}</span>}
            {c.system !== undefined && (
              <span class="system" title={c.system}>
                {system?.known === true ? `${system.name} · ${c.system}` : c.system}
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
  if (div === undefined) return null;
  const parsed = parseOrdered(div);
  if (!parsed.ok)
    return (
      <div>
        <Notice kind="warn">The narrative is not well-formed XHTML ({parsed.problem}); shown as text.</Notice>
        <pre class="plain">{div}</pre>
      </div>
    );
  return <XhtmlNarrative div={parsed.root} />;
}

const ROLE_NAMES: Readonly<Record<string, string>> = {
  '10': 'Palvelunjärjestäjä (service organiser)',
  '12': 'Ajanvaraaja, potilas (booked by the patient)',
};

function Agents({ provenance }: { provenance: Provenance | undefined }): VNode {
  if (!provenance) return <span class="muted">–</span>;
  return (
    <ul class="plainlist">
      {provenance.agent.map((a, i) => {
        const role = a.role?.[0]?.coding?.[0]?.code ?? a.type?.coding?.[0]?.code;
        return (
          <li key={i}>
            <strong>{role !== undefined ? (ROLE_NAMES[role] ?? `role ${role}`) : 'agent'}</strong>{' '}
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
  const rows: [ComponentChildren, ComponentChildren][] = [
    [
      <Label en="Person" fi="Henkilö" />,
      patient !== undefined ? (
        <a href={`/viewer/persons/${encodeURIComponent(patient)}`}>
          <code>{patient}</code>
        </a>
      ) : (
        '–'
      ),
    ],
    [<Label en="Status" fi="Tila" />, <AppointmentStatus stored={current} />],
    [
      <Label en="Time" fi="Aika" />,
      `${finnishDateTime(isoText(a?.start))} – ${finnishDateTime(isoText(a?.end))}`,
    ],
    [<Label en="Service category" fi="Palveluluokka" />, <Concept value={a?.serviceCategory?.[0]} />],
    [<Label en="Service type" fi="Palvelunimike" />, <Concept value={a?.serviceType?.[0]} />],
    [<Label en="Appointment type" fi="Asiointitapa" />, <Concept value={a?.appointmentType} />],
    [
      <Label en="Service organiser" fi="Palvelunjärjestäjä" />,
      organiserOid !== undefined ? (
        <span>
          {names.get(organiserOid) ?? ''} <code>{organiserOid}</code>
        </span>
      ) : (
        '–'
      ),
    ],
    [
      <Label en="Identifiers" fi="Tunnisteet" />,
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
    [<Label en="Cancellation reason" fi="Peruutuksen syy" />, <Concept value={a?.cancelationReason} />],
    [<Label en="Comment" fi="Kommentti" />, a?.comment ?? '–'],
    [<Label en="Patient instruction" fi="Ohje potilaalle" />, a?.patientInstruction ?? '–'],
    [<Label en="Last updated" fi="Päivitetty" />, finnishDateTime(current.lastUpdated.slice(0, 19))],
  ];
  return (
    <Layout
      title={(typeof a?.description === 'string' ? a.description : undefined) ?? `Appointment ${current.id}`}
      scope={scope}
      nav="find"
    >
      <nav class="crumbs" aria-label="Breadcrumb">
        <a href="/viewer/find">Find</a>
        {patient !== undefined && (
          <>
            {' › '}
            <a href={`/viewer/persons/${encodeURIComponent(patient)}`}>{patient}</a>
          </>
        )}
        {' › '}
        <span aria-current="page">Appointment</span>
      </nav>
      <PageHead
        title={
          (typeof a?.description === 'string' ? a.description : undefined) ?? `Appointment ${current.id}`
        }
        fi="Ajanvaraus"
      >
        <div class="badges">
          <AppointmentStatus stored={current} />
          <span class="badge badge-version">version {current.versionId}</span>
          {current.invalid && <span class="badge badge-invalid">Invalid · Virheellinen</span>}
          <code>Appointment/{current.id}</code>
        </div>
      </PageHead>
      {current.deleted && (
        <Notice kind="error">
          Nullified · Mitätöity: the appointment was withdrawn (delete marker at version {current.versionId}).
          Earlier versions are shown below.
        </Notice>
      )}
      <div class="cols">
        <div class="card">
          <Guard fallback={<Unreadable what="The appointment's fields" />}>
            <Fields rows={rows} />
          </Guard>
        </div>
        <div class="card">
          <h3>
            Narrative <span class="fi">Teksti</span>
          </h3>
          <div data-testid="fhir-narrative">
            {typeof a?.text?.div === 'string' ? (
              <Guard fallback={<Unreadable what="The narrative" />}>
                <FhirNarrative div={a.text.div} />
              </Guard>
            ) : (
              <p class="muted">No narrative.</p>
            )}
          </div>
        </div>
      </div>
      <section class="docsection">
        <h2>
          Provenance <span class="fi">Alkuperätiedot</span>
        </h2>
        <DataTable testid="provenances" columns={['Recorded', 'Target', 'Activity', 'Agents', 'Narrative']}>
          {provenances.map((p) => (
            <Guard key={p.id} fallback={<UnreadableRow what={`Provenance ${p.id}`} columns={5} />}>
              <tr>
                <td class="nowrap">{finnishDateTime(isoText(p.resource?.recorded))}</td>
                <td>
                  {(p.resource?.target ?? []).map((t, i) => (
                    <code key={i}>{t.reference ?? ''}</code>
                  ))}
                </td>
                <td>
                  <Concept value={p.resource?.activity} />
                </td>
                <td>
                  <Agents provenance={p.resource} />
                </td>
                <td>
                  <FhirNarrative div={p.resource?.text?.div} />
                </td>
              </tr>
            </Guard>
          ))}
        </DataTable>
      </section>
      <section class="docsection">
        <h2>
          History <span class="fi">Versiohistoria</span>
        </h2>
        <DataTable testid="history" columns={['Version', 'Written', 'Status', 'Start']}>
          {history.map((v) => (
            <Guard key={v.versionId} fallback={<UnreadableRow what={`Version ${v.versionId}`} columns={4} />}>
              <tr>
                <td class="num">v{v.versionId}</td>
                <td class="nowrap">{finnishDateTime(v.lastUpdated.slice(0, 19))}</td>
                <td>
                  <AppointmentStatus stored={v} />
                </td>
                <td class="nowrap">{finnishDateTime(isoText(v.resource?.start))}</td>
              </tr>
            </Guard>
          ))}
        </DataTable>
      </section>
      <section class="docsection">
        <h2>
          Resource JSON <span class="fi">JSON</span>
        </h2>
        <pre class="xml" tabIndex={0}>
          <code>{JSON.stringify(current.resource ?? latestBody ?? null, null, 2)}</code>
        </pre>
      </section>
    </Layout>
  );
}
