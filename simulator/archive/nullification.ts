/**
 * Nullification (mitätöinti) of an archived document — kantasim's definition, since Kanta's CDA
 * nullification mechanics are not public (docs/kanta.md#replacement-and-nullification).
 *
 * The mechanics, all here:
 * - Request: `POST /archive/documents/{oid}/nullify` with JSON `{ "reason": "…", "by": "…",
 *   "organisation": "1.2.246.10.….10.0" (optional), "documentGroup": "5" }`. `reason` and `by` are
 *   required. For a social-welfare document so is `documentGroup`, the code of its document group
 *   (Sosiaalihuolto - Asiakirjaryhmä), as Kanta requires the group in every social-welfare archiving,
 *   new-version and nullification message (CDA-NUL-006, 400, when missing); it must be the group the
 *   document was archived with (CDA-NUL-007, 409, otherwise: kantasim's reading of the requirement).
 * - Only the current (latest) version of a set can be nullified (CDA-NUL-004 otherwise); nullifying it
 *   withdraws the whole document, so every version of the set is marked nullified with the same reason,
 *   time and who. Nothing is deleted: the records and their XML stay and remain retrievable by OID.
 * - If `organisation` is given it must be the organisation that archived the document (CDA-NUL-005).
 * - Nullifying an already nullified document again is idempotent (same answer, no new event); a
 *   nullified document cannot be replaced (CDA-VER-006).
 * - Listings leave nullified documents out unless `includeNullified=true`; `GET …/{oid}` still returns
 *   the XML with `X-Kantasim-Status: nullified`.
 * - Every nullification is an event (`document.nullify`) in the same transaction, and so is every
 *   refused one (outcome `refused`, with the findings), recorded after the refusing transaction.
 */
import { codeList } from '../domain/code-lists.ts';
import { error, guarded, type Finding } from '../domain/findings.ts';
import { findRealCodes, mask } from '../domain/identity-guard.ts';
import type { EventLog } from '../events/log.ts';
import type { Logger } from '../logger.ts';
import type { ArchivedDocument, Nullification } from '../domain/cda.ts';
import type { Store } from '../store/types.ts';
import { summarise } from '../../common/i18n/event-summary.ts';

export interface NullifyRequest {
  reason?: unknown;
  by?: unknown;
  organisation?: unknown;
  /** Social welfare: the code of the document's group (Sosiaalihuolto - Asiakirjaryhmä), e.g. "5". */
  documentGroup?: unknown;
}

export type NullifyResult =
  | { ok: true; document: ArchivedDocument; versions: ArchivedDocument[]; already: boolean }
  | { ok: false; status: 400 | 403 | 404 | 409; findings: Finding[] };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

const GROUP = codeList('socialDocumentGroup');

/** CDA-NUL-006: a social-welfare document's nullification names no document group. */
function groupMissing(): Finding {
  return error(
    'CDA-NUL-006',
    '/documentGroup',
    `give the document group of the social-welfare document in "documentGroup": the code of ${GROUP.name.fi} (${GROUP.oid}) it was archived with, as in its hl7fi:documentGroup`,
  );
}

/** CDA-NUL-007: the group named is not the one the document was archived with. */
function groupDiffers(oid: string, given: string, stored: string): Finding {
  return error(
    'CDA-NUL-007',
    '/documentGroup',
    `"documentGroup" '${given}' is not the document group of ${oid}, which was archived with group '${stored}'; give the group of the document you nullify`,
  );
}

export async function nullifyDocument(
  store: Store,
  events: EventLog,
  oid: string,
  body: NullifyRequest,
  options: { now: Date; logger: Logger; requestId?: string; caller?: string; allowRealIdentities?: boolean },
): Promise<NullifyResult> {
  const reason = text(body.reason);
  const by = text(body.by);
  const organisation = text(body.organisation);
  const group = text(body.documentGroup);
  const problems: Finding[] = [];
  if (reason === undefined)
    problems.push(error('CDA-NUL-003', '/reason', 'give the reason for nullifying the document in "reason"'));
  if (by === undefined)
    problems.push(error('CDA-NUL-003', '/by', 'say who nullifies the document in "by" (a person or system)'));
  // The reason and who are stored with every version and shown by the viewer: no real person's code.
  if (options.allowRealIdentities !== true)
    for (const [field, value] of [
      ['/reason', reason],
      ['/by', by],
    ] as const) {
      const codes = value === undefined ? [] : findRealCodes(value);
      if (codes.length > 0)
        problems.push(
          guarded(
            error(
              'CDA-ID-007',
              field,
              `this text contains a real person's identity code (${codes.map(mask).join(', ')}); narrative, names and other ids must not carry one: remove it or use a Kela-issued test code`,
            ),
          ),
        );
    }
  type Refusal = { ok: false; status: 400 | 403 | 404 | 409; findings: Finding[]; doc?: ArchivedDocument };
  const refuse = (status: Refusal['status'], findings: Finding[], doc?: ArchivedDocument): Refusal => ({
    ok: false,
    status,
    findings,
    ...(doc === undefined ? {} : { doc }),
  });
  const result = await store.transaction(
    async (tx): Promise<Extract<NullifyResult, { ok: true }> | Refusal> => {
      const doc = await tx.archive.get(oid);
      const social = doc?.repository === 'social';
      const missing = social && group === undefined ? [...problems, groupMissing()] : problems;
      if (reason === undefined || by === undefined || missing.length > 0) return refuse(400, missing, doc);
      if (!doc) return refuse(404, [error('CDA-NUL-001', '/oid', `no archived document ${oid}`)]);
      // A document stored without a group (rehearsal) has none to compare with.
      const stored = doc.header.social.documentGroup?.code;
      if (social && group !== undefined && stored !== undefined && group !== stored)
        return refuse(409, [groupDiffers(oid, group, stored)], doc);
      if (doc.status === 'nullified') {
        return { ok: true, document: doc, versions: await tx.archive.versions(doc.setId), already: true };
      }
      if (doc.status === 'replaced')
        return refuse(
          409,
          [
            error(
              'CDA-NUL-004',
              '/oid',
              `document ${oid} has been replaced by ${doc.replacedBy ?? '?'}; nullify the current version, which withdraws every version of the set`,
            ),
          ],
          doc,
        );
      if (organisation !== undefined && doc.organisation !== undefined && organisation !== doc.organisation)
        return refuse(
          403,
          [
            error(
              'CDA-NUL-005',
              '/organisation',
              `document ${oid} belongs to ${doc.organisation}; only that organisation can nullify it`,
            ),
          ],
          doc,
        );
      const nullification: Nullification = { reason, by, at: options.now.toISOString() };
      if (organisation !== undefined) nullification.organisation = organisation;
      if (social && group !== undefined) nullification.documentGroup = group;
      const versions = await tx.archive.versions(doc.setId);
      let updated = doc;
      for (const v of versions) {
        if (v.status === 'nullified') continue;
        const u = await tx.archive.nullify(v.oid, nullification);
        if (u && v.oid === oid) updated = u;
      }
      await events.record(
        {
          channel: 'archive',
          service: doc.repository === 'pta' ? 'pta' : 'social-welfare',
          kind: 'document.nullify',
          outcome: 'accepted',
          ...(doc.organisation === undefined ? {} : { organisation: doc.organisation }),
          ...(doc.patient === undefined ? {} : { patient: doc.patient }),
          resourceIds: versions.map((v) => v.oid),
          findings: [],
          ...summarise('archive.nullified', { oid, setId: doc.setId, count: versions.length, by, reason }),
          ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
          ...(options.caller === undefined ? {} : { caller: options.caller }),
        },
        tx,
      );
      return { ok: true, document: updated, versions: await tx.archive.versions(doc.setId), already: false };
    },
  );
  if (result.ok) return result;
  // A refusal is an event too, so whoever rehearses sees what was refused and why. It is recorded after
  // the transaction, and a failure to record it is logged, never answered: the refusal must still go out.
  await recordRefusal(events, options.logger, {
    oid,
    status: result.status,
    findings: result.findings,
    ...(result.doc === undefined ? {} : { doc: result.doc }),
    ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
    ...(options.caller === undefined ? {} : { caller: options.caller }),
  });
  return { ok: false, status: result.status, findings: result.findings };
}

/** A refused nullification, as the event log records it. */
export interface NullifyRefusal {
  oid: string;
  status: number;
  findings: Finding[];
  /** The document, when it exists and the caller may see it (it then names service, owner and patient). */
  doc?: ArchivedDocument;
  requestId?: string;
  /** The calling organisation (shared mode): the refusal goes to its event log. */
  caller?: string;
}

/** Records a refused nullification; never throws (a failure is logged), so the refusal is still answered. */
export async function recordRefusal(
  events: EventLog,
  logger: Logger,
  refusal: NullifyRefusal,
): Promise<void> {
  const { oid, status, findings, doc } = refusal;
  try {
    await events.record({
      channel: 'archive',
      ...(doc === undefined ? {} : { service: doc.repository === 'pta' ? 'pta' : 'social-welfare' }),
      kind: 'document.nullify',
      outcome: 'refused',
      ...(doc?.organisation === undefined ? {} : { organisation: doc.organisation }),
      ...(doc?.patient === undefined ? {} : { patient: doc.patient }),
      resourceIds: doc === undefined ? [] : [oid],
      findings,
      ...summarise('archive.nullifyRefused', { oid, status: String(status) }, findings),
      ...(refusal.requestId === undefined ? {} : { requestId: refusal.requestId }),
      ...(refusal.caller === undefined ? {} : { caller: refusal.caller }),
    });
  } catch (err) {
    logger.error({ err, requestId: refusal.requestId }, 'could not record a refused nullification');
  }
}
