/**
 * Archive intake: one submission from bytes to a committed record and an answer.
 *
 * Order: envelope (content type, SOAP, V3 message, MIME, safe XML) → header extraction → document rules
 * (structure, identities, message vs content, optional XSD) → in one transaction: version chain,
 * registry and deployment, social welfare → store (or refuse) → event. The answer is built only after
 * the transaction has committed.
 *
 * Modes ("tag instead of reject") are the submission policy's (`domain/policy.ts` `decide`, shared with
 * FHIR): `strict` refuses a document with blocking findings; `rehearsal` stores it marked invalid
 * (`valid: false`, findings kept) and answers AA with the errors downgraded to warnings. Findings that
 * make storing impossible (unreadable input, no usable document OID, an OID already taken by other
 * content) are fatal, and identity-guard findings are never relaxed: both refuse in every mode.
 */
import type { Config } from '../config.ts';
import { customerOf, decide, type ValidationMode } from '../domain/policy.ts';
import { fatal, type Finding } from '../domain/findings.ts';
import { isOid } from '../domain/oid.ts';
import type { EventLog } from '../events/log.ts';
import type { Logger } from '../logger.ts';
import type {
  ArchivedDocument,
  ArchiveMessageMeta,
  ArchiveRepositoryKind,
  CdaHeader,
  NewArchivedDocument,
} from '../domain/cda.ts';
import type { Organisation } from '../domain/registry.ts';
import type { Store, StoreSession } from '../store/types.ts';
import type { EventKind, NewEvent } from '../domain/events.ts';
import { maySeeCustodian, type AccessScope } from '../access/scope.ts';
import type { AckCode } from './ack.ts';
import { isReplaceInteraction } from './envelope.ts';
import { readSubmissionShared, type SubmissionData } from './read.ts';
import { defaultWorkers } from '../workers/pool.ts';
import { documentOidOf, tsToIso } from './header.ts';
import { checkRegistry } from './rules/registry.ts';
import { checkSocial } from './rules/social.ts';
import { socialOrganisations, unknownOrganisations } from './rules/social-format.ts';
import { checkVersion, replacedOid, type VersionVerdict } from './rules/versions.ts';
import type { CdaSchema } from './schema.ts';
import { servicesNeeded } from './service-needs.ts';
import { summarise, type SummaryWording } from '../../common/i18n/event-summary.ts';

export type IntakeOutcome = 'accepted' | 'accepted-with-warnings' | 'duplicate' | 'refused';

export interface IntakeResult {
  outcome: IntakeOutcome;
  ack: AckCode;
  /** HTTP status for the answer. */
  status: number;
  /** Findings as answered (in rehearsal mode errors appear as warnings). */
  findings: Finding[];
  mode: ValidationMode;
  document?: ArchivedDocument;
  documentOid?: string;
  message?: ArchiveMessageMeta;
  eventSeq: number;
}

export interface IntakeRequest {
  repository: ArchiveRepositoryKind;
  body: Uint8Array;
  contentType?: string;
  mode: ValidationMode;
  requestId?: string;
  /**
   * Shared (TLS) mode: the calling organisation and what it may submit for (simulator/access/scope.ts).
   * A document whose custodian is outside it is refused with 403 before anything is stored.
   */
  caller?: { oid: string; description: string; scope: AccessScope };
}

/** A submission refused before its body was read (mode header, body reader). */
export interface UnreadRequest {
  repository: ArchiveRepositoryKind;
  mode: ValidationMode;
  requestId?: string;
  /** Shared (TLS) mode: the calling organisation's OID, so the refusal is in its own event log. */
  caller?: string;
}

export interface ArchiveIntakeOptions {
  store: Store;
  events: EventLog;
  config: Config;
  logger: Logger;
  schema?: CdaSchema;
  now?: () => Date;
}

const SERVICE_OF: Readonly<Record<ArchiveRepositoryKind, string>> = { pta: 'pta', social: 'social-welfare' };

/** Which status a refusal gets: the most specific fatal finding decides. */
function refusalStatus(findings: readonly Finding[], ack: AckCode): number {
  const codes = new Set(findings.map((f) => f.code));
  if (codes.has('CDA-ACCESS-001')) return 403;
  if (codes.has('CDA-XML-001')) return 413;
  if (codes.has('CDA-MSG-001')) return 415;
  if (codes.has('CDA-VER-001')) return 409;
  return ack === 'AR' ? 400 : 422;
}

export class ArchiveIntake {
  private readonly now: () => Date;

  constructor(private readonly options: ArchiveIntakeOptions) {
    this.now = options.now ?? ((): Date => new Date());
  }

  /** Submissions under way (reading is shared with workers only when they overlap). */
  private underWay = 0;

  async submit(request: IntakeRequest): Promise<IntakeResult> {
    this.underWay++;
    try {
      return await this.carryOut(request, this.underWay > 1);
    } finally {
      this.underWay--;
    }
  }

  private async carryOut(request: IntakeRequest, concurrent: boolean): Promise<IntakeResult> {
    const { repository, mode } = request;
    const read = await readSubmissionShared(
      request.body,
      {
        contentType: request.contentType,
        maxBytes: this.options.config.maxBodyBytes,
        repository,
        allowRealIdentities: this.options.config.allowRealIdentities,
      },
      { workers: this.options.config.workers ?? defaultWorkers('reading'), concurrent },
    );
    if (!read.ok) return this.refuse(request, read.findings, read.message, undefined);
    const { submission: sub, header } = read;
    const findings: Finding[] = [...read.findings];
    if (read.rootName !== 'ClinicalDocument')
      return this.refuse(request, findings.map(toFatal), sub.message, header);
    if (request.caller && !maySeeCustodian(request.caller.scope, { custodian: header.custodian?.oid })) {
      const custodian = header.custodian?.oid ?? 'none';
      return this.refuse(
        request,
        [
          fatal(
            'CDA-ACCESS-001',
            '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
            `${request.caller.description} may not archive a document whose custodian is ${custodian}: an organisation archives only into its own registers, its units' or those of the organisations it is a registered connection point for`,
          ),
        ],
        sub.message,
        header,
      );
    }
    findings.push(...read.content);
    if (this.options.schema) findings.push(...this.options.schema.validate(sub.cdaBytes, repository));
    if (header.documentOid === '' || !isOid(header.id.root))
      findings.push(
        fatal(
          'CDA-HDR-004',
          '/ClinicalDocument/id/@root',
          'without a valid document OID the document cannot be archived; give id/@root',
        ),
      );
    const sha256 = read.sha256;

    let refusedLate: { findings: Finding[]; organisation?: string } | undefined;
    const result = await this.options.store.transaction(async (tx): Promise<IntakeResult | undefined> => {
      const custodian = header.custodian
        ? await tx.registry.getOrganisation(header.custodian.oid)
        : undefined;
      // The customer by the policy's one order (the custodian itself, then up partOf); the document
      // belongs to that customer's organisation, or to the custodian's organisation when there is none.
      const customer = custodian ? await customerOf(tx.registry, custodian.oid) : undefined;
      const orgOid = customer?.orgOid ?? custodian?.partOf ?? custodian?.oid;
      const setId = header.setId ? documentOidOf(header.setId) : undefined;
      const parentOid = replacedOid(header);
      const sameOid = header.documentOid === '' ? undefined : await tx.archive.get(header.documentOid);
      const setLatest = setId === undefined ? undefined : await tx.archive.latestOfSet(setId);
      const parent = parentOid === undefined ? undefined : await tx.archive.get(parentOid);
      const verdict: VersionVerdict = checkVersion({
        header,
        repository,
        sha256,
        ...(sub.interaction === undefined ? {} : { interaction: sub.interaction }),
        ...(sameOid ? { sameOid } : {}),
        ...(setLatest ? { setLatest } : {}),
        ...(parent ? { parent } : {}),
      });
      if (verdict.kind === 'duplicate')
        return this.duplicate(tx, request, sub, verdict.original, verdict.findings);
      findings.push(...verdict.findings);
      const sender = sub.message?.senderDevice?.root;
      const senderOrganisation =
        repository === 'social' && customer && sender !== undefined
          ? await ownUnit(tx.registry, sender, customer.orgOid)
          : undefined;
      findings.push(
        ...checkRegistry({
          header,
          ...(sub.message ? { message: sub.message } : {}),
          ...(custodian ? { custodian } : {}),
          ...(customer ? { customer } : {}),
          needs: servicesNeeded(header, repository),
          socialCustodian: repository === 'social' && header.social.kantaFormat === true,
          repository,
          ...(sub.interaction === undefined ? {} : { interaction: sub.interaction }),
          ...(senderOrganisation ? { senderOrganisation } : {}),
        }),
      );
      if (repository === 'social') {
        findings.push(...checkSocial(header, customer));
        // Organisations named only as an author's unit or an encounter participant need no registration;
        // an unknown one is a warning (CDA-SOC-025).
        const named = socialOrganisations(header);
        const known = await Promise.all(
          named.map(async (n) => (await tx.registry.getOrganisation(n.oid)) !== undefined),
        );
        findings.push(...unknownOrganisations(named, known));
      }

      const decision = decide(findings, mode);
      if (!decision.store) {
        refusedLate = orgOid === undefined ? { findings } : { findings, organisation: orgOid };
        return undefined; // refused: recorded after this (read-only) transaction
      }
      const valid = decision.valid;
      const now = this.now();
      const doc: NewArchivedDocument = {
        oid: header.documentOid,
        repository,
        setId: setId ?? header.documentOid,
        versionNumber: header.versionNumber ?? 0,
        status: 'current',
        valid,
        mode,
        header,
        findings,
        sha256,
        sizeBytes: sub.cdaBytes.byteLength,
        receivedAt: now.toISOString(),
        xml: sub.cdaBytes,
      };
      if (header.patient?.id.extension !== undefined) doc.patient = header.patient.id.extension;
      const documentType = header.localHeader.documentType ?? header.social.local?.specificDocumentType;
      if (documentType) doc.documentType = documentType.code;
      const effectiveAt = tsToIso(header.effectiveTime);
      if (effectiveAt !== undefined) doc.effectiveAt = effectiveAt;
      if (header.custodian) doc.custodian = header.custodian.oid;
      if (orgOid !== undefined) doc.organisation = orgOid;
      if (verdict.kind === 'replacement' && verdict.parentOid !== '') doc.replaces = verdict.parentOid;
      if (sub.message) doc.message = sub.message;
      if (request.requestId !== undefined) doc.requestId = request.requestId;
      await tx.archive.insert(doc);
      if (valid && doc.replaces !== undefined) await tx.archive.markReplaced(doc.replaces, doc.oid);
      const answered = decision.answered;
      const outcome: IntakeOutcome =
        valid && !answered.some((f) => f.severity === 'warning') ? 'accepted' : 'accepted-with-warnings';
      const kind =
        doc.replaces !== undefined || isReplaceInteraction(sub.interaction)
          ? 'document.replace'
          : 'document.archive';
      const event = await this.options.events.record(
        this.event(request, sub.message, header, {
          kind,
          outcome: outcome === 'accepted' ? 'accepted' : 'accepted-with-warnings',
          findings,
          organisation: orgOid,
          ...summarise('archive.stored', {
            valid: valid ? 'yes' : 'no',
            oid: doc.oid,
            version: String(doc.versionNumber),
            repository,
            replaces: doc.replaces ?? 'none',
          }),
          details: { valid, setId: doc.setId, versionNumber: doc.versionNumber },
        }),
        tx,
      );
      const { xml: _xml, ...stored } = doc;
      return {
        outcome,
        ack: 'AA',
        status: 201,
        findings: answered,
        mode,
        document: stored,
        documentOid: doc.oid,
        ...(sub.message ? { message: sub.message } : {}),
        eventSeq: event.seq,
      } satisfies IntakeResult;
    });
    if (result) return result;
    return this.refuse(
      request,
      refusedLate?.findings ?? findings,
      sub.message,
      header,
      refusedLate?.organisation,
    );
  }

  /** Refuses a submission the edge could not hand over (AR): the refusal is an event like any other. */
  async refuseUnread(request: UnreadRequest, finding: Finding, status: number): Promise<IntakeResult> {
    const event = await this.options.events.record({
      channel: 'archive',
      service: SERVICE_OF[request.repository],
      kind: 'document.refused',
      outcome: 'refused',
      resourceIds: [],
      findings: [finding],
      ...summarise('archive.refused', { oid: 'none', ack: 'AR' }, [finding]),
      ...(request.requestId === undefined ? {} : { requestId: request.requestId }),
      ...(request.caller === undefined ? {} : { caller: request.caller }),
      details: { repository: request.repository },
    });
    return {
      outcome: 'refused',
      ack: 'AR',
      status,
      findings: [finding],
      mode: request.mode,
      eventSeq: event.seq,
    };
  }

  private async duplicate(
    tx: StoreSession,
    request: IntakeRequest,
    sub: SubmissionData,
    original: ArchivedDocument,
    findings: Finding[],
  ): Promise<IntakeResult> {
    const event = await this.options.events.record(
      this.event(request, sub.message, original.header, {
        kind: 'document.duplicate',
        outcome: 'accepted',
        findings,
        organisation: original.organisation,
        ...summarise('archive.duplicate', { oid: original.oid, version: String(original.versionNumber) }),
        details: { valid: original.valid },
      }),
      tx,
    );
    return {
      outcome: 'duplicate',
      ack: 'AA',
      status: 200,
      findings,
      mode: request.mode,
      document: original,
      documentOid: original.oid,
      ...(sub.message ? { message: sub.message } : {}),
      eventSeq: event.seq,
    };
  }

  private async refuse(
    request: IntakeRequest,
    findings: Finding[],
    message: ArchiveMessageMeta | undefined,
    header: CdaHeader | undefined,
    organisation?: string,
  ): Promise<IntakeResult> {
    const ack: AckCode = findings.some((f) => f.severity === 'fatal') ? 'AR' : 'AE';
    const first = findings.find((f) => f.severity === 'fatal' || f.severity === 'error');
    const event = await this.options.events.record(
      this.event(request, message, header, {
        kind: 'document.refused',
        outcome: 'refused',
        findings,
        organisation,
        ...(first
          ? summarise('archive.refused', { oid: header?.documentOid ?? 'none', ack }, findings)
          : summarise('archive.refusedNoDocument', { ack })),
        details: {},
      }),
    );
    const result: IntakeResult = {
      outcome: 'refused',
      ack,
      status: refusalStatus(findings, ack),
      findings,
      mode: request.mode,
      eventSeq: event.seq,
    };
    if (header?.documentOid) result.documentOid = header.documentOid;
    if (message) result.message = message;
    return result;
  }

  private event(
    request: IntakeRequest,
    message: ArchiveMessageMeta | undefined,
    header: CdaHeader | undefined,
    e: {
      kind: EventKind;
      outcome: NewEvent['outcome'];
      findings: Finding[];
      organisation: string | undefined;
      summary: string;
      wording: SummaryWording;
      details: Record<string, unknown>;
    },
  ): NewEvent {
    const event: NewEvent = {
      channel: 'archive',
      service: SERVICE_OF[request.repository],
      kind: e.kind,
      outcome: e.outcome,
      resourceIds: header?.documentOid ? [header.documentOid] : [],
      findings: e.findings,
      summary: e.summary,
      wording: e.wording,
      details: {
        ...e.details,
        mode: request.mode,
        repository: request.repository,
        ...(message ? { interaction: message.interactionId } : { interaction: 'bare-cda' }),
      },
    };
    const organisation = e.organisation ?? message?.representedOrganisation;
    if (organisation !== undefined) event.organisation = organisation;
    // Shared mode: the certificate's organisation, so a refusal is the caller's own (eventOwner).
    if (request.caller !== undefined) event.caller = request.caller.oid;
    const patient = header?.patient?.id.extension;
    if (patient !== undefined) event.patient = patient;
    if (request.requestId !== undefined) event.requestId = request.requestId;
    return event;
  }
}

/**
 * The code-server entry of `oid` when it is organisation `orgOid` itself or one of its service units
 * (following `partOf` up to it, as far as the customer look-up does); undefined otherwise.
 */
async function ownUnit(
  registry: StoreSession['registry'],
  oid: string,
  orgOid: string,
): Promise<Organisation | undefined> {
  const entry = await registry.getOrganisation(oid);
  if (!entry || (entry.kind !== 'organisation' && entry.kind !== 'service-unit')) return undefined;
  let at: Organisation | undefined = entry;
  for (let depth = 0; at !== undefined && depth < 8; depth++) {
    if (at.oid === orgOid) return entry;
    if (at.kind !== 'service-unit' || at.partOf === undefined) return undefined;
    at = await registry.getOrganisation(at.partOf);
  }
  return undefined;
}

function toFatal(f: Finding): Finding {
  return f.severity === 'error' ? { ...f, severity: 'fatal' } : f;
}
