/**
 * The CDA archive's repository: storage and queries of archived documents. The records themselves
 * (the typed header, the archived document, its lifecycle) are domain vocabulary in `domain/cda.ts`.
 */
import type {
  ArchivedDocument,
  ArchivedDocumentStatus,
  ArchiveRepositoryKind,
  NewArchivedDocument,
  Nullification,
} from '../domain/cda.ts';

export interface ArchiveQuery {
  patient?: string;
  repository?: ArchiveRepositoryKind;
  setId?: string;
  /** localHeader documentType code. */
  type?: string;
  /** Inclusive lower/upper bounds on `effectiveAt` (ISO date or date-time prefixes). */
  from?: string;
  to?: string;
  custodian?: string;
  /** Only documents whose custodian is one of these (an organisation's scope); empty matches nothing. */
  custodians?: readonly string[];
  /** Include nullified documents (left out by default). */
  includeNullified?: boolean;
  /** Include replaced versions (left out by default: a listing shows each set's current version). */
  includeReplaced?: boolean;
  /**
   * Only documents in one of these statuses; when given it replaces `includeNullified` and
   * `includeReplaced` (an empty list matches nothing).
   */
  statuses?: readonly ArchivedDocumentStatus[];
  /**
   * Only documents this organisation submitted: it is the customer organisation, the message sender
   * (`representedOrganization`), an author's organisation or the encounter's service provider.
   */
  submitter?: string;
  /** Include documents stored invalid in rehearsal mode (included by default; false leaves them out). */
  includeInvalid?: boolean;
  offset?: number;
  /** Page size, 1–1000 (default 50). */
  limit?: number;
}

export interface ArchivePage {
  /**
   * Matches over all pages; when `exact` is false (a submitter's documents or bounds finer than a day,
   * past EXACT_TOTAL_LIMIT matches), a lower bound that is past this page whenever another follows.
   */
  total: number;
  /** False when `total` is a lower bound; absent means exact. */
  exact?: false;
  offset: number;
  limit: number;
  /** Newest `effectiveAt` first, then OID. */
  documents: ArchivedDocument[];
}

/** Matches a listing counts exactly when no counter has its total (see `ArchivePage.exact`). */
export { EXACT_TOTAL_LIMIT } from './fhir-types.ts';

/** Hard ceiling on one page of documents. */
export const MAX_ARCHIVE_PAGE = 1000;

/**
 * Storage of archived documents. Writes that belong together (insert a replacement, mark its
 * predecessor replaced, record the event) run in one `store.transaction`.
 */
export interface ArchiveRepository {
  /** Stores a new document. The OID must not exist yet (callers check `get` in the same transaction). */
  insert(doc: NewArchivedDocument): Promise<void>;
  get(oid: string): Promise<ArchivedDocument | undefined>;
  /** The stored XML bytes, exactly as received. */
  getXml(oid: string): Promise<Uint8Array | undefined>;
  /** Every version of a set, oldest first (nullified and invalid included). */
  versions(setId: string): Promise<ArchivedDocument[]>;
  /** The highest version of a set that is valid (rehearsal-invalid documents do not extend a chain). */
  latestOfSet(setId: string): Promise<ArchivedDocument | undefined>;
  /** Marks `oid` replaced by `byOid`. */
  markReplaced(oid: string, byOid: string): Promise<void>;
  /** Marks `oid` nullified; returns the updated record, or undefined if there is no such document. */
  nullify(oid: string, nullification: Nullification): Promise<ArchivedDocument | undefined>;
  search(query: ArchiveQuery): Promise<ArchivePage>;
  count(): Promise<number>;
}
