/**
 * Find: documents and appointments of the archivist's register by person, dates, repository, type…
 * Dates are typed day first (`3.12.2026`) in a text field the server parses: Chromium's native date
 * input shows its order from the browser's own locale, not the page's `lang`, so it could not follow the
 * archivist's language choice. Table cells carry their column name (`data-label`) for the phone layout.
 */
import type { Appointment } from 'fhir/r4.js';
import type { VNode } from 'preact';
import { CODE_SYSTEMS, SERVICES } from '../../domain/codes.ts';
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
import { CodeName, codeText, useLang, useT, When } from '../i18n.tsx';
import { dayMonthYear, FIND_LIMIT, type CriteriaProblem, type FindCriteria } from '../queries.ts';
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
  /** False when the total is a lower bound (a broad search past EXACT_TOTAL_LIMIT matches). */
  documentsExact?: boolean;
  appointments: StoredResource<Appointment>[];
  appointmentsTotal: number;
  appointmentsExact?: boolean;
  /** Matches counted exactly; an inexact total is shown as "more than" this. */
  countLimit?: number;
  organisations: Organisation[];
}

function problemFor(problems: CriteriaProblem[], field: keyof FindCriteria): string | undefined {
  return problems.find((p) => p.field === field)?.key;
}

function FieldError({ message }: { message: string | undefined }): VNode | null {
  const t = useT();
  return message === undefined ? null : <span class="field-error">{t(message)}</span>;
}

export function FindForm({
  criteria,
  problems,
  organisations,
}: Pick<FindProps, 'criteria' | 'problems' | 'organisations'>): VNode {
  const t = useT();
  const lang = useLang();
  const types = Object.keys(CODE_SYSTEMS.documentType.codes);
  return (
    <form method="get" action="/viewer/find" class="findform card" role="search">
      <div class="grid">
        <div class="cell cell-wide">
          <label for="patient">{t('find.patient')}</label>
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
            {t('find.from')} <span class="hint">{t('find.dateHint')}</span>
          </label>
          <input
            id="from"
            name="from"
            inputMode="numeric"
            pattern="\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
            placeholder={t('find.datePlaceholder')}
            title={t('find.dateHint')}
            value={dayMonthYear(criteria.from)}
            autoComplete="off"
            aria-invalid={problemFor(problems, 'from') !== undefined}
          />
          <FieldError message={problemFor(problems, 'from')} />
        </div>
        <div class="cell">
          <label for="to">
            {t('find.to')} <span class="hint">{t('find.dateHint')}</span>
          </label>
          <input
            id="to"
            name="to"
            inputMode="numeric"
            pattern="\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}"
            placeholder={t('find.datePlaceholder')}
            title={t('find.dateHint')}
            value={dayMonthYear(criteria.to)}
            autoComplete="off"
            aria-invalid={problemFor(problems, 'to') !== undefined}
          />
          <FieldError message={problemFor(problems, 'to')} />
        </div>
        <div class="cell">
          <label for="repository">{t('label.repository')}</label>
          <select id="repository" name="repository">
            <option value="">{t('find.any')}</option>
            {(['pta', 'social'] as const).map((r) => (
              <option key={r} value={r} selected={criteria.repository === r}>
                {t(`repository.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="cell">
          <label for="type">{t('label.documentType')}</label>
          <select id="type" name="type">
            <option value="">{t('find.any')}</option>
            {types.map((code) => {
              const name = codeText(CODE_SYSTEMS.documentType.oid, code, lang);
              return (
                <option
                  key={code}
                  value={code}
                  selected={criteria.type === code}
                  lang={name !== undefined && name.lang !== lang ? name.lang : undefined}
                >
                  {code} {name?.text}
                </option>
              );
            })}
          </select>
        </div>
        <div class="cell">
          <label for="service">{t('label.service')}</label>
          <select id="service" name="service">
            <option value="">{t('find.any')}</option>
            {SERVICES.map((s) => (
              <option key={s} value={s} selected={criteria.service === s}>
                {t(`service.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="cell">
          <label for="status">{t('label.status')}</label>
          <select id="status" name="status">
            <option value="">{t('find.any')}</option>
            {(['current', 'replaced', 'nullified'] as const).map((s) => (
              <option key={s} value={s} selected={criteria.status === s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="cell cell-wide">
          <label for="organisation">{t('find.organisation')}</label>
          <select id="organisation" name="organisation">
            <option value="">{t('find.any')}</option>
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
          {t('find.submit')}
        </button>
        <a class="btn btn-quiet" href="/viewer/find">
          {t('find.clear')}
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
  const t = useT();
  return (
    <DataTable
      testid="documents"
      columns={[
        t('find.col.date'),
        t('label.title'),
        ...(showPatient ? [t('label.person')] : []),
        t('label.repository'),
        t('label.version'),
        t('label.status'),
      ]}
    >
      {documents.map((d) => (
        <Guard
          key={d.oid}
          fallback={<UnreadableRow what={t('find.documentN', { id: d.oid })} columns={showPatient ? 6 : 5} />}
        >
          <tr>
            <td class="when-cell" data-label={t('find.col.date')}>
              <When value={d.effectiveAt} />
            </td>
            <td data-label={t('label.title')}>
              <a href={`/viewer/documents/${encodeURIComponent(d.oid)}`}>
                {d.header.title ?? t('find.untitled')}
              </a>
              <div class="sub">
                {d.documentType !== undefined && (
                  <span class="doctype">
                    {d.documentType} <CodeName system={CODE_SYSTEMS.documentType.oid} code={d.documentType} />{' '}
                    ·{' '}
                  </span>
                )}
                <code>{d.oid}</code>
              </div>
            </td>
            {showPatient && (
              <td class="nowrap" data-label={t('label.person')}>
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
            <td data-label={t('label.repository')}>
              <RepositoryBadge repository={d.repository} />
            </td>
            <td class="num" data-label={t('label.version')}>
              v{d.versionNumber}
            </td>
            <td data-label={t('label.status')}>
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
  const t = useT();
  return (
    <DataTable
      testid="appointments"
      columns={[
        t('find.col.start'),
        t('find.col.appointment'),
        ...(showPatient ? [t('label.person')] : []),
        t('label.version'),
        t('label.status'),
      ]}
    >
      {appointments.map((a) => {
        const patient = patientOf(a.resource);
        return (
          <Guard
            key={a.id}
            fallback={
              <UnreadableRow what={t('find.appointmentN', { id: a.id })} columns={showPatient ? 5 : 4} />
            }
          >
            <tr>
              <td class="when-cell" data-label={t('find.col.start')}>
                <When value={appointmentStart(a.resource)} />
              </td>
              <td data-label={t('find.col.appointment')}>
                <a href={`/viewer/appointments/${encodeURIComponent(a.id)}`}>
                  {a.resource?.description ??
                    a.resource?.serviceType?.[0]?.text ??
                    t('find.appointmentN', { id: a.id })}
                </a>
                <div class="sub">
                  <code>Appointment/{a.id}</code>
                </div>
              </td>
              {showPatient && (
                <td class="nowrap" data-label={t('label.person')}>
                  {patient !== undefined ? (
                    <a href={`/viewer/persons/${encodeURIComponent(patient)}`}>
                      <code>{patient}</code>
                    </a>
                  ) : (
                    '–'
                  )}
                </td>
              )}
              <td class="num" data-label={t('label.version')}>
                v{a.versionId}
              </td>
              <td data-label={t('label.status')}>
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
  const t = useT();
  return (
    <Layout title={t('page.find')} scope={scope} nav="find">
      <PageHead title={t('page.find')}>
        <p class="lead">{t('find.lead', { register: scope.registerController.name })}</p>
      </PageHead>
      <FindForm criteria={criteria} problems={problems} organisations={props.organisations} />
      {problems.length > 0 && <Notice kind="error">{t('find.checkFields')}</Notice>}
      {!searched ? (
        <Empty>{t('find.emptyForm')}</Empty>
      ) : (
        <>
          <section class="results">
            <h2>
              {t('find.documents')}{' '}
              <span class="count">
                {props.documentsExact === false
                  ? t('find.moreThan', { limit: props.countLimit ?? 0 })
                  : props.documentsTotal}
              </span>
            </h2>
            {props.documentsTotal > FIND_LIMIT && (
              <Notice kind="info">{t('find.limited', { limit: FIND_LIMIT })}</Notice>
            )}
            {documents.length === 0 ? (
              <Empty>{t('find.noDocuments')}</Empty>
            ) : (
              <DocumentRows documents={documents} showPatient={criteria.patient === undefined} />
            )}
          </section>
          <section class="results">
            <h2>
              {t('find.appointments')}{' '}
              <span class="count">
                {props.appointmentsExact === false
                  ? t('find.moreThan', { limit: props.countLimit ?? 0 })
                  : props.appointmentsTotal}
              </span>
            </h2>
            {appointments.length === 0 ? (
              <Empty>{t('find.noAppointments')}</Empty>
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
