/** Find: documents and appointments of the archivist's register by person, dates, repository, type… */
import type { Appointment } from 'fhir/r4.js';
import type { VNode } from 'preact';
import { CODE_SYSTEMS, SERVICE_NAMES, SERVICES } from '../../domain/codes.ts';
import type { ArchivedDocument } from '../../domain/cda.ts';
import type { StoredResource } from '../../domain/fhir.ts';
import type { Organisation } from '../../domain/registry.ts';
import {
  DataTable,
  Empty,
  InvalidBadge,
  Layout,
  Notice,
  PageHead,
  RepositoryBadge,
  StatusBadge,
} from '../components.tsx';
import { documentTypeName, finnishDateTime, REPOSITORY_TERMS, STATUS_TERMS } from '../labels.ts';
import { FIND_LIMIT, type CriteriaProblem, type FindCriteria } from '../queries.ts';
import type { ArchivistScope } from '../scope.ts';
import { Guard, UnreadableRow } from '../guard.tsx';
import { AppointmentStatus, appointmentStart } from './appointment-parts.tsx';

export interface FindProps {
  scope: ArchivistScope;
  criteria: FindCriteria;
  problems: CriteriaProblem[];
  searched: boolean;
  documents: ArchivedDocument[];
  documentsTotal: number;
  appointments: StoredResource<Appointment>[];
  appointmentsTotal: number;
  organisations: Organisation[];
}

function problemFor(problems: CriteriaProblem[], field: keyof FindCriteria): string | undefined {
  return problems.find((p) => p.field === field)?.message;
}

function FieldError({ message }: { message: string | undefined }): VNode | null {
  return message === undefined ? null : <span class="field-error">{message}</span>;
}

export function FindForm({
  criteria,
  problems,
  organisations,
}: Pick<FindProps, 'criteria' | 'problems' | 'organisations'>): VNode {
  const types = Object.entries(CODE_SYSTEMS.documentType.codes);
  return (
    <form method="get" action="/viewer/find" class="findform card" role="search">
      <div class="grid">
        <div class="cell cell-wide">
          <label for="patient">
            Identity code <span class="fi">Henkilötunnus</span>
          </label>
          <input
            id="patient"
            name="patient"
            value={criteria.patient ?? ''}
            placeholder="010181-900C"
            autoComplete="off"
            spellcheck={false}
            aria-invalid={problemFor(problems, 'patient') !== undefined}
          />
          <FieldError message={problemFor(problems, 'patient')} />
        </div>
        <div class="cell">
          <label for="from">
            From <span class="fi">Alkaen</span>
          </label>
          <input id="from" name="from" type="date" value={criteria.from ?? ''} />
          <FieldError message={problemFor(problems, 'from')} />
        </div>
        <div class="cell">
          <label for="to">
            To <span class="fi">Päättyen</span>
          </label>
          <input id="to" name="to" type="date" value={criteria.to ?? ''} />
          <FieldError message={problemFor(problems, 'to')} />
        </div>
        <div class="cell">
          <label for="repository">
            Repository <span class="fi">Arkisto</span>
          </label>
          <select id="repository" name="repository">
            <option value="">Any</option>
            {(['pta', 'social'] as const).map((r) => (
              <option key={r} value={r} selected={criteria.repository === r}>
                {REPOSITORY_TERMS[r].short} – {REPOSITORY_TERMS[r].fi}
              </option>
            ))}
          </select>
        </div>
        <div class="cell">
          <label for="type">
            Document type <span class="fi">Asiakirjan tyyppi</span>
          </label>
          <select id="type" name="type">
            <option value="">Any</option>
            {types.map(([code, name]) => (
              <option key={code} value={code} selected={criteria.type === code}>
                {code} {name}
              </option>
            ))}
          </select>
        </div>
        <div class="cell">
          <label for="service">
            Service <span class="fi">Palvelu</span>
          </label>
          <select id="service" name="service">
            <option value="">Any</option>
            {SERVICES.map((s) => (
              <option key={s} value={s} selected={criteria.service === s}>
                {SERVICE_NAMES[s].en} ({SERVICE_NAMES[s].fi})
              </option>
            ))}
          </select>
        </div>
        <div class="cell">
          <label for="status">
            Status <span class="fi">Tila</span>
          </label>
          <select id="status" name="status">
            <option value="">Any</option>
            {(['current', 'replaced', 'nullified'] as const).map((s) => (
              <option key={s} value={s} selected={criteria.status === s}>
                {STATUS_TERMS[s].en} ({STATUS_TERMS[s].fi})
              </option>
            ))}
          </select>
        </div>
        <div class="cell cell-wide">
          <label for="organisation">
            Submitting organisation <span class="fi">Lähettäjä</span>
          </label>
          <select id="organisation" name="organisation">
            <option value="">Any</option>
            {organisations.map((o) => (
              <option key={o.oid} value={o.oid} selected={criteria.organisation === o.oid}>
                {o.name} ({o.oid})
              </option>
            ))}
          </select>
        </div>
      </div>
      <div class="actions">
        <button type="submit" class="btn btn-primary">
          Find
        </button>
        <a class="btn btn-quiet" href="/viewer/find">
          Clear
        </a>
      </div>
    </form>
  );
}

export function DocumentRows({
  documents,
  showPatient,
}: {
  documents: ArchivedDocument[];
  showPatient: boolean;
}): VNode {
  return (
    <DataTable
      testid="documents"
      columns={['Date', 'Title', ...(showPatient ? ['Person'] : []), 'Repository', 'Version', 'Status']}
    >
      {documents.map((d) => (
        <Guard
          key={d.oid}
          fallback={<UnreadableRow what={`Document ${d.oid}`} columns={showPatient ? 6 : 5} />}
        >
          <tr>
            <td class="nowrap">{finnishDateTime(d.effectiveAt)}</td>
            <td>
              <a href={`/viewer/documents/${encodeURIComponent(d.oid)}`}>{d.header.title ?? '(untitled)'}</a>
              <div class="sub">
                {d.documentType !== undefined && (
                  <span class="doctype">
                    {d.documentType} {documentTypeName(d.documentType)} ·{' '}
                  </span>
                )}
                <code>{d.oid}</code>
              </div>
            </td>
            {showPatient && (
              <td class="nowrap">
                {d.patient !== undefined ? (
                  <a href={`/viewer/persons/${encodeURIComponent(d.patient)}`}>
                    <code>{d.patient}</code>
                  </a>
                ) : (
                  '–'
                )}
                {d.header.patient?.name !== undefined && <div class="sub">{d.header.patient.name}</div>}
              </td>
            )}
            <td>
              <RepositoryBadge repository={d.repository} />
            </td>
            <td class="num">v{d.versionNumber}</td>
            <td>
              <StatusBadge status={d.status} /> {!d.valid && <InvalidBadge />}
            </td>
          </tr>
        </Guard>
      ))}
    </DataTable>
  );
}

export function AppointmentRows({
  appointments,
  showPatient,
  patientOf,
}: {
  appointments: StoredResource<Appointment>[];
  showPatient: boolean;
  patientOf: (a: Appointment | undefined) => string | undefined;
}): VNode {
  return (
    <DataTable
      testid="appointments"
      columns={['Start', 'Appointment', ...(showPatient ? ['Person'] : []), 'Version', 'Status']}
    >
      {appointments.map((a) => {
        const patient = patientOf(a.resource);
        return (
          <Guard
            key={a.id}
            fallback={<UnreadableRow what={`Appointment ${a.id}`} columns={showPatient ? 5 : 4} />}
          >
            <tr>
              <td class="nowrap">{finnishDateTime(appointmentStart(a.resource))}</td>
              <td>
                <a href={`/viewer/appointments/${encodeURIComponent(a.id)}`}>
                  {a.resource?.description ?? a.resource?.serviceType?.[0]?.text ?? `Appointment ${a.id}`}
                </a>
                <div class="sub">
                  <code>Appointment/{a.id}</code>
                </div>
              </td>
              {showPatient && (
                <td class="nowrap">
                  {patient !== undefined ? (
                    <a href={`/viewer/persons/${encodeURIComponent(patient)}`}>
                      <code>{patient}</code>
                    </a>
                  ) : (
                    '–'
                  )}
                </td>
              )}
              <td class="num">v{a.versionId}</td>
              <td>
                <AppointmentStatus stored={a} />
              </td>
            </tr>
          </Guard>
        );
      })}
    </DataTable>
  );
}

export function FindPage(
  props: FindProps & { patientOf: (a: Appointment | undefined) => string | undefined },
): VNode {
  const { scope, criteria, problems, searched, documents, appointments } = props;
  return (
    <Layout title="Find" scope={scope} nav="find">
      <PageHead title="Find" fi="Haku">
        <p class="lead">
          Documents and appointments in the register of <strong>{scope.registerController.name}</strong>.
        </p>
      </PageHead>
      <FindForm criteria={criteria} problems={problems} organisations={props.organisations} />
      {problems.length > 0 && <Notice kind="error">Check the highlighted fields.</Notice>}
      {!searched ? (
        <Empty>
          Give an identity code, dates or other criteria, then Find. Find with every field empty lists the
          register’s latest documents and appointments.
        </Empty>
      ) : (
        <>
          <section class="results">
            <h2>
              Documents <span class="fi">Asiakirjat</span> <span class="count">{props.documentsTotal}</span>
            </h2>
            {props.documentsTotal > FIND_LIMIT && (
              <Notice kind="info">Showing the first {FIND_LIMIT}; narrow the search to see the rest.</Notice>
            )}
            {documents.length === 0 ? (
              <Empty>No documents in your register match.</Empty>
            ) : (
              <DocumentRows documents={documents} showPatient={criteria.patient === undefined} />
            )}
          </section>
          <section class="results">
            <h2>
              Appointments <span class="fi">Ajanvaraukset</span>{' '}
              <span class="count">{props.appointmentsTotal}</span>
            </h2>
            {appointments.length === 0 ? (
              <Empty>No appointments in your register match.</Empty>
            ) : (
              <AppointmentRows
                appointments={appointments}
                showPatient={criteria.patient === undefined}
                patientOf={props.patientOf}
              />
            )}
          </section>
        </>
      )}
    </Layout>
  );
}
