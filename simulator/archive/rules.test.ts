/**
 * Every archive rule with one passing and one failing case, asserting the finding code. Documents come
 * from the fixture builder (fixtures/cda); the intake runs against a real SQLite store seeded with the
 * fixture world.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REAL_RANGE_HETU,
  TEST_HETU,
  WORLD,
  buildCda,
  buildMessage,
  lummeMessage,
  ptaMessage,
  type CdaOptions,
  type MessageOptions,
  type SocialCdaOptions,
  type SocialFrameOptions,
} from '../../fixtures/cda/index.ts';
import { DEFAULT_CONFIG, type Config } from '../config.ts';
import type { ValidationMode } from '../domain/policy.ts';
import { EventLog } from '../events/log.ts';
import { createLogger } from '../logger.ts';
import { seedWorld } from '../registry/seed.ts';
import { RegistryService } from '../registry/service.ts';
import type { ArchiveRepositoryKind } from '../domain/cda.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.ts';
import { ArchiveIntake, type IntakeResult } from './intake.ts';
import { loadCdaSchema } from './schema.ts';

const MINI_SCHEMA = fileURLToPath(new URL('../../fixtures/cda/schema-mini', import.meta.url));

interface Ctx {
  store: SqliteStore;
  registry: RegistryService;
  submit(
    body: string | Uint8Array,
    opts?: { repository?: ArchiveRepositoryKind; mode?: ValidationMode; contentType?: string },
  ): Promise<IntakeResult>;
}

async function setup(config: Partial<Config> = {}): Promise<Ctx> {
  const store = openSqliteStore(':memory:');
  const events = new EventLog(store);
  const registry = new RegistryService({ store, events, allowRealIdentities: false });
  await seedWorld(registry);
  const full: Config = { ...DEFAULT_CONFIG, dbFile: ':memory:', ...config };
  const intake = new ArchiveIntake({
    store,
    events,
    config: full,
    logger: createLogger('silent'),
    ...(full.cdaSchemaDir === undefined ? {} : { schema: loadCdaSchema(full.cdaSchemaDir) }),
  });
  return {
    store,
    registry,
    submit: (body, opts = {}) =>
      intake.submit({
        repository: opts.repository ?? 'pta',
        body: typeof body === 'string' ? new Uint8Array(Buffer.from(body, 'utf8')) : body,
        contentType: opts.contentType ?? 'text/xml',
        mode: opts.mode ?? 'strict',
      }),
  };
}

const codes = (r: IntakeResult): string[] => r.findings.map((f) => f.code);
const pta = (cda: Partial<CdaOptions> = {}, msg: Partial<MessageOptions> = {}): string =>
  ptaMessage(cda, msg).message;
/** A Lumme client document in the social-welfare archive's own frame (RCMR_IN200002FI01). */
const social = (cda: Partial<SocialCdaOptions> = {}, frame: Partial<SocialFrameOptions> = {}): string =>
  lummeMessage('client', cda, frame).message;
/** A Lumme client-relationship document (group 1, no service task). */
const relationship = (): string => lummeMessage('client-relationship').message;
const SOCIAL = { repository: 'social' } as const;

/** Archives a valid Lumme client document and returns its OID. */
async function socialOriginal(ctx: Ctx): Promise<string> {
  const m = lummeMessage('client');
  expect((await ctx.submit(m.message, SOCIAL)).ack).toBe('AA');
  return m.oid;
}

interface Case {
  code: string;
  what: string;
  bad: (ctx: Ctx) => Promise<IntakeResult>;
  /** Defaults to a valid PTA message. */
  good?: (ctx: Ctx) => Promise<IntakeResult>;
  /** Severity of the failing case's finding, when it is not an error/fatal refusal. */
  advisory?: boolean;
}

/** Archives a valid original and returns its OID. */
async function original(ctx: Ctx, cda: Partial<CdaOptions> = {}): Promise<string> {
  const m = ptaMessage(cda);
  const r = await ctx.submit(m.message);
  expect(r.ack).toBe('AA');
  return m.oid;
}

function replacement(oid: string, cda: Partial<CdaOptions> = {}, msg: Partial<MessageOptions> = {}): string {
  return pta(
    { setId: oid, versionNumber: 2, replaces: { oid, setId: oid, versionNumber: 1 }, ...cda },
    { interaction: 'RCMR_IN100016FI01', ...msg },
  );
}

const deep = `<a>${'<b>'.repeat(150)}${'</b>'.repeat(150)}</a>`;

const CASES: Case[] = [
  // ---------------------------------------------------------------- XML safety
  {
    code: 'CDA-XML-002',
    what: 'a DOCTYPE with an external entity',
    bad: (c) =>
      c.submit(
        `<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>${buildCda()}`.replace(
          '<?xml version="1.0" encoding="UTF-8"?>',
          '',
        ),
        { contentType: 'application/hl7-cda+xml' },
      ),
    good: (c) => c.submit(buildCda(), { contentType: 'application/hl7-cda+xml' }),
  },
  {
    code: 'CDA-XML-003',
    what: 'an undeclared entity reference',
    bad: (c) =>
      c.submit(buildCda().replace('</title>', '&nbsp;</title>'), { contentType: 'application/xml' }),
    good: (c) => c.submit(buildCda({ title: 'A & B <c>' }), { contentType: 'application/xml' }),
  },
  { code: 'CDA-XML-004', what: 'XML that is not well-formed', bad: (c) => c.submit(pta().slice(0, 900)) },
  { code: 'CDA-XML-005', what: 'nesting deeper than the limit', bad: (c) => c.submit(deep) },
  {
    code: 'CDA-XML-006',
    what: 'bytes that are not UTF-8',
    bad: (c) => c.submit(new Uint8Array([0x3c, 0x61, 0x3e, 0xe4, 0x3c, 0x2f, 0x61, 0x3e])),
  },
  { code: 'CDA-XML-007', what: 'an empty body', bad: (c) => c.submit('') },
  // ---------------------------------------------------------------- envelope
  {
    code: 'CDA-MSG-001',
    what: 'an unsupported content type',
    bad: (c) => c.submit(pta(), { contentType: 'application/json' }),
  },
  {
    code: 'CDA-MSG-002',
    what: 'an unknown root element',
    bad: (c) => c.submit('<PRPA_IN201301UV02 xmlns="urn:hl7-org:v3"/>'),
  },
  {
    code: 'CDA-MSG-003',
    what: 'an empty SOAP body',
    bad: (c) =>
      c.submit('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>'),
    good: (c) => c.submit(pta({}, { soap: '1.2' })),
  },
  {
    code: 'CDA-MSG-004',
    what: 'an interactionId that differs from the message',
    bad: (c) => c.submit(pta({}, { interactionIdExtension: 'RCMR_IN100016FI01' })),
  },
  {
    code: 'CDA-MSG-005',
    what: 'a message without the multipart text',
    bad: (c) => c.submit(pta({}, { omitText: true })),
  },
  {
    code: 'CDA-MSG-006',
    what: 'a MIME package without boundary',
    bad: (c) => c.submit(pta({}, { declaredBoundary: null })),
  },
  {
    code: 'CDA-MSG-007',
    what: 'no MIME part with the document OID as Content-ID',
    bad: (c) => c.submit(pta({}, { contentId: '1.2.3.4.5' })),
  },
  {
    code: 'CDA-MSG-008',
    what: 'a MIME part that is not base64',
    bad: (c) => c.submit(pta({}, { corruptPayload: 'PD94bWwg!!!' })),
    good: (c) => c.submit(pta({}, { base64: false })),
  },
  {
    code: 'CDA-MSG-009',
    what: "a message whose clinicalDocument/id differs from the CDA's id",
    bad: (c) =>
      c.submit(pta({}, { documentOid: '1.2.246.10.3210987.91.1', contentId: '1.2.246.10.3210987.91.1' })),
  },
  {
    code: 'CDA-MSG-010',
    what: 'a replacement interaction without RPLC',
    bad: (c) => c.submit(pta({}, { interaction: 'RCMR_IN100016FI01' })),
  },
  {
    code: 'CDA-MSG-011',
    what: 'a message without sender device',
    bad: (c) => c.submit(pta({}, { senderDevice: null })),
  },
  {
    code: 'CDA-MSG-012',
    what: 'a message without reasonCode',
    bad: (c) => c.submit(pta({}, { reasonCode: null })),
    advisory: true,
  },
  {
    code: 'CDA-MSG-013',
    what: "a message register code that differs from the document's",
    bad: (c) => c.submit(pta({}, { registerCode: { code: '4', codeSystem: '1.2.246.537.5.40150.2009' } })),
    advisory: true,
  },
  // ---------------------------------------------------------------- frame (rules/frame.ts)
  {
    code: 'CDA-MSG-015',
    what: 'an interactionId root that is not HL7’s interaction OID',
    bad: (c) => c.submit(pta({}, { interactionIdRoot: '2.16.840.1.113883.1.18' })),
  },
  {
    code: 'CDA-MSG-016',
    what: 'a processingCode outside HL7 ProcessingID',
    bad: (c) => c.submit(pta({}, { processingCode: 'X' })),
  },
  {
    code: 'CDA-MSG-016',
    what: 'a missing acceptAckCode',
    bad: (c) => c.submit(pta({}, { acceptAckCode: null })),
  },
  {
    code: 'CDA-MSG-017',
    what: 'a processingCode other than the samples’ D',
    bad: (c) => c.submit(pta({}, { processingCode: 'P' })),
    advisory: true,
  },
  {
    code: 'CDA-MSG-017',
    what: 'a receiver device other than Kanta’s',
    bad: (c) => c.submit(pta({}, { receiverDevice: '1.2.246.556.18007.9' })),
    advisory: true,
  },
  {
    code: 'CDA-MSG-018',
    what: 'a message without receiver',
    bad: (c) => c.submit(pta({}, { receiverDevice: null })),
  },
  {
    code: 'CDA-MSG-019',
    what: 'a PTA service request from the social-welfare list (SP17)',
    bad: (c) => c.submit(pta({}, { reasonCode: 'SP17', reasonCodeSystem: '1.2.246.537.6.1503.201601' })),
  },
  {
    code: 'CDA-MSG-020',
    what: 'a PTA service request other than PP1',
    bad: (c) => c.submit(pta({}, { reasonCode: 'PP999' })),
    advisory: true,
  },
  {
    code: 'CDA-MSG-021',
    what: 'a PTA controlAct code of the other interaction',
    bad: (c) => c.submit(pta({}, { controlAct: 'RCMR_TE000910UV01' })),
    advisory: true,
  },
  {
    code: 'CDA-SOC-015',
    what: 'a social-welfare controlAct code of the other interaction',
    bad: (c) => c.submit(social({}, { controlAct: 'RCMR_TE000910UV01' }), SOCIAL),
    good: (c) => c.submit(social(), SOCIAL),
    advisory: true,
  },
  {
    code: 'CDA-SOC-016',
    what: 'the assumed social-welfare new version (information)',
    bad: async (c) => {
      const oid = await socialOriginal(c);
      return c.submit(
        social({ setId: oid, versionNumber: 2, replaces: { oid } }, { interaction: 'RCMR_IN200016FI01' }),
        SOCIAL,
      );
    },
    good: (c) => c.submit(social(), SOCIAL),
    advisory: true,
  },
  // ---------------------------------------------------------------- header structure
  {
    code: 'CDA-HDR-001',
    what: 'a document whose root is not ClinicalDocument',
    bad: (c) => c.submit(pta({ rootName: 'Document' })),
  },
  { code: 'CDA-HDR-002', what: 'a missing typeId', bad: (c) => c.submit(pta({ typeId: null })) },
  { code: 'CDA-HDR-003', what: 'a realm other than FI', bad: (c) => c.submit(pta({ realmCode: 'SE' })) },
  {
    code: 'CDA-HDR-004',
    what: 'a document id that is not an OID',
    bad: (c) => c.submit(pta({ oid: 'doc-1', setId: '1.2.246.10.3210987.91.7' }, { documentOid: 'doc-1' })),
  },
  {
    code: 'CDA-HDR-005',
    what: 'a social-welfare register code in the Patient Data Repository',
    bad: (c) => c.submit(pta({ registerCode: { code: '1', codeSystem: '1.2.246.537.6.1264' } })),
  },
  {
    code: 'CDA-HDR-006',
    what: 'an effectiveTime that is not an HL7 TS',
    bad: (c) => c.submit(pta({ effectiveTime: '2026-09-15' })),
  },
  {
    code: 'CDA-HDR-007',
    what: 'a missing confidentialityCode',
    bad: (c) => c.submit(pta({ confidentiality: null })),
  },
  { code: 'CDA-HDR-008', what: 'a missing setId', bad: (c) => c.submit(pta({ setId: null })) },
  { code: 'CDA-HDR-009', what: 'versionNumber 0', bad: (c) => c.submit(pta({ versionNumber: 0 })) },
  { code: 'CDA-HDR-010', what: 'a missing patient', bad: (c) => c.submit(pta({ patient: null })) },
  { code: 'CDA-HDR-011', what: 'a document without author', bad: (c) => c.submit(pta({ authors: [] })) },
  { code: 'CDA-HDR-012', what: 'a missing custodian', bad: (c) => c.submit(pta({ custodian: null })) },
  {
    code: 'CDA-HDR-013',
    what: 'a templateId that is not an OID',
    bad: (c) => c.submit(pta({ templateIds: ['1.2.246.777.11.02015'] })),
  },
  {
    code: 'CDA-HDR-014',
    what: 'a missing hl7fi:localHeader',
    bad: (c) => c.submit(pta({ localHeader: null })),
  },
  {
    code: 'CDA-HDR-015',
    what: 'a local header without recordStatus',
    bad: (c) => c.submit(pta({ localHeader: { recordStatus: null } })),
  },
  {
    code: 'CDA-HDR-016',
    what: 'softwareSupport without product and version',
    bad: (c) => c.submit(pta({ localHeader: { softwareSupport: { moderator: 'X' } } })),
    advisory: true,
  },
  {
    code: 'CDA-HDR-017',
    what: 'no templateId',
    bad: (c) => c.submit(pta({ templateIds: [] })),
    advisory: true,
  },
  {
    code: 'CDA-HDR-018',
    what: 'no languageCode',
    bad: (c) => c.submit(pta({ languageCode: null })),
    advisory: true,
  },
  {
    code: 'CDA-HDR-019',
    what: 'a documentType from the wrong code system',
    bad: (c) =>
      c.submit(pta({ localHeader: { documentType: { code: '4', codeSystem: '1.2.246.537.5.40154.2008' } } })),
  },
  // ---------------------------------------------------------------- identities
  {
    code: 'CDA-ID-001',
    what: 'a patient identity code with a wrong check character',
    bad: (c) => c.submit(pta({ patient: { root: '1.2.246.21', extension: '010181-900D' } })),
  },
  {
    code: 'CDA-ID-002',
    what: 'a patient identity code in the real-person range',
    bad: (c) => c.submit(pta({ patient: { root: '1.2.246.21', extension: REAL_RANGE_HETU } })),
  },
  {
    code: 'CDA-ID-003',
    what: 'a patient id under an unknown root',
    bad: (c) => c.submit(pta({ patient: { root: '1.2.246.10.3210987.23', extension: '123' } })),
  },
  {
    code: 'CDA-ID-004',
    what: "an author's invalid identity code",
    bad: (c) => c.submit(pta({ authors: [{ hetu: '020516C903X' }] })),
    good: (c) => c.submit(pta({ sectionSubjectHetu: TEST_HETU.other })),
  },
  {
    code: 'CDA-ID-005',
    what: 'a temporary patient ID (accepted, flagged)',
    bad: (c) => c.submit(pta({ patient: { root: '1.2.246.10.3210987.22.2026', extension: '010100A998F' } })),
    advisory: true,
  },
  // ---------------------------------------------------------------- versions
  {
    code: 'CDA-VER-001',
    what: 'other content under an archived OID',
    bad: async (c) => {
      const oid = await original(c);
      return c.submit(pta({ oid, setId: oid, title: 'Muutettu' }));
    },
  },
  {
    code: 'CDA-VER-002',
    what: 'the same message again (idempotent duplicate)',
    bad: async (c) => {
      const m = pta();
      await c.submit(m);
      return c.submit(m);
    },
    advisory: true,
  },
  {
    code: 'CDA-VER-003',
    what: "a new document reusing another set's setId",
    bad: async (c) => c.submit(pta({ setId: await original(c) })),
  },
  {
    code: 'CDA-VER-004',
    what: 'a new document with versionNumber 2',
    bad: (c) => c.submit(pta({ versionNumber: 2 })),
  },
  {
    code: 'CDA-VER-005',
    what: 'a replacement of an unknown document',
    bad: (c) => c.submit(replacement('1.2.246.10.3210987.91.404')),
    good: async (c) => c.submit(replacement(await original(c))),
  },
  {
    code: 'CDA-VER-006',
    what: 'a replacement of a nullified document',
    bad: async (c) => {
      const oid = await original(c);
      await c.store.archive.nullify(oid, { reason: 'virhe', by: 'test', at: '2026-09-16T00:00:00Z' });
      return c.submit(replacement(oid));
    },
  },
  {
    code: 'CDA-VER-007',
    what: 'a replacement of a version that was already replaced',
    bad: async (c) => {
      const oid = await original(c);
      expect((await c.submit(replacement(oid))).ack).toBe('AA');
      return c.submit(replacement(oid));
    },
  },
  {
    code: 'CDA-VER-008',
    what: 'a replacement with another setId',
    bad: async (c) => c.submit(replacement(await original(c), { setId: '1.2.246.10.3210987.91.77' })),
  },
  {
    code: 'CDA-VER-009',
    what: 'a replacement whose versionNumber is not one more',
    bad: async (c) => c.submit(replacement(await original(c), { versionNumber: 3 })),
  },
  {
    code: 'CDA-VER-010',
    what: 'an RPLC parentDocument/versionNumber that disagrees with the archive',
    bad: async (c) => {
      const oid = await original(c);
      return c.submit(replacement(oid, { replaces: { oid, setId: oid, versionNumber: 5 } }));
    },
  },
  {
    code: 'CDA-VER-011',
    what: 'a replacement for another patient',
    bad: async (c) =>
      c.submit(
        replacement(await original(c), { patient: { root: '1.2.246.21', extension: TEST_HETU.other } }),
      ),
  },
  {
    code: 'CDA-VER-012',
    what: 'a replacement sent to the other repository',
    bad: async (c) => {
      const oid = await original(c);
      return c.submit(
        social({ setId: oid, versionNumber: 2, replaces: { oid } }, { interaction: 'RCMR_IN200016FI01' }),
        SOCIAL,
      );
    },
  },
  {
    code: 'CDA-VER-013',
    what: 'a replacement of a document stored invalid in rehearsal mode',
    bad: async (c) => {
      const m = ptaMessage({ realmCode: 'SE' });
      expect((await c.submit(m.message, { mode: 'rehearsal' })).ack).toBe('AA');
      return c.submit(replacement(m.oid));
    },
  },
  // ---------------------------------------------------------------- registry and deployment
  {
    code: 'CDA-REG-001',
    what: 'a custodian missing from the code server',
    bad: (c) => c.submit(pta({ custodian: '1.2.246.10.1111111.19.0' })),
  },
  {
    code: 'CDA-REG-002',
    what: 'a service unit as custodian',
    bad: (c) => c.submit(pta({ custodian: WORLD.pta.unit })),
  },
  {
    code: 'CDA-REG-003',
    what: 'a register controller whose organisation is no Kanta customer',
    bad: async (c) => {
      await c.registry.putOrganisation(
        { oid: '1.2.246.10.1234567.10.0', name: 'Uusi Oy', kind: 'organisation', public: false },
        false,
      );
      await c.registry.putOrganisation(
        {
          oid: '1.2.246.10.1234567.19.0',
          name: 'Uusi Oy rp',
          kind: 'register-controller',
          partOf: '1.2.246.10.1234567.10.0',
          public: false,
        },
        false,
      );
      return c.submit(pta({ custodian: '1.2.246.10.1234567.19.0' }));
    },
  },
  {
    code: 'CDA-REG-004',
    what: 'certificate content without the certificates service deployed',
    bad: (c) => c.submit(pta({ viewCodes: ['TOD'] })),
    good: (c) => c.submit(pta({ viewCodes: ['102'] })),
  },
  {
    code: 'CDA-REG-005',
    what: 'a sender device that is not a registered connection point',
    bad: (c) => c.submit(pta({}, { senderDevice: { root: '1.2.246.10.3210987.10.0.13.9' } })),
  },
  {
    code: 'CDA-REG-006',
    what: 'a register controller no longer current in the code server',
    bad: async (c) => {
      await c.registry.putOrganisation(
        {
          oid: WORLD.pta.registerController,
          name: 'RP',
          kind: 'register-controller',
          partOf: WORLD.pta.organisation,
          public: true,
          active: false,
        },
        true,
      );
      return c.submit(pta());
    },
    advisory: true,
  },
  {
    code: 'CDA-REG-007',
    what: 'a bare CDA document (connection point not checked)',
    bad: (c) => c.submit(buildCda(), { contentType: 'application/hl7-cda+xml' }),
    advisory: true,
  },
  // ---------------------------------------------------------------- social welfare
  {
    code: 'CDA-SOC-001',
    what: 'a social-welfare document without document group',
    bad: (c) => c.submit(social({ documentGroup: null }), SOCIAL),
    good: (c) => c.submit(social(), SOCIAL),
  },
  {
    code: 'CDA-SOC-002',
    what: 'a document group code that cannot be in the list',
    bad: (c) => c.submit(social({ documentGroup: 'X9' }), SOCIAL),
    good: (c) => c.submit(relationship(), SOCIAL),
  },
  {
    code: 'CDA-SOC-003',
    what: 'a document group the provider has not deployed',
    bad: (c) => c.submit(social({ documentGroup: '5' }), SOCIAL),
    good: (c) => c.submit(social(), SOCIAL),
  },
  {
    code: 'CDA-SOC-004',
    what: 'a missing service task',
    bad: (c) => c.submit(social({ serviceTask: null }), SOCIAL),
    good: (c) => c.submit(social(), SOCIAL),
  },
  {
    code: 'CDA-SOC-005',
    what: 'a service task the provider has not deployed',
    bad: (c) => c.submit(social({ serviceTask: '20' }), SOCIAL),
    good: (c) => c.submit(social({ serviceTask: '10' }), SOCIAL),
  },
  {
    code: 'CDA-SOC-006',
    what: 'a document group code not among the confirmed codes of the partial list',
    bad: (c) => c.submit(social({ documentGroup: '4' }), SOCIAL),
    good: (c) => c.submit(relationship(), SOCIAL),
    advisory: true,
  },
  {
    code: 'CDA-SOC-007',
    what: 'a service task that cannot be a code of Sosiaalihuolto - Palvelutehtävä',
    bad: (c) => c.submit(social({ serviceTask: 'lapsiperheet' }), SOCIAL),
    good: (c) => c.submit(social(), SOCIAL),
  },
];

describe('archive rules: each rule passes a good document and flags a bad one', () => {
  let ctx: Ctx;
  beforeEach(async () => {
    ctx = await setup();
  });
  afterEach(async () => {
    await ctx.store.close();
  });

  it('accepts the fixture documents without any finding', async () => {
    const a = await ctx.submit(pta());
    expect([a.ack, a.findings]).toEqual(['AA', []]);
    const b = await ctx.submit(social(), SOCIAL);
    expect([b.ack, b.findings]).toEqual(['AA', []]);
  });

  for (const c of CASES) {
    it(`${c.code} flags ${c.what}`, async () => {
      const r = await c.bad(ctx);
      expect(codes(r)).toContain(c.code);
      if (c.advisory === true) expect(r.ack).toBe('AA');
      else {
        expect(r.ack).not.toBe('AA');
        expect(r.outcome).toBe('refused');
      }
    });
    it(`${c.code} is not raised for a good document`, async () => {
      const r = await (c.good ?? ((x: Ctx) => x.submit(pta())))(ctx);
      expect(codes(r)).not.toContain(c.code);
      expect(r.ack).toBe('AA');
    });
  }

  it('CDA-REG-004 names the expansion of use for imaging at a customer without it', async () => {
    await ctx.registry.putCustomer(WORLD.pta.organisation, {
      serviceDescriptionAccepted: true,
      system: 'terveystieto-potilas360',
      connectionPoints: [{ id: WORLD.pta.connectionPoint, operator: 'T', announcedAt: '2026-08-03' }],
      services: ['pta'],
      documentGroups: [],
      serviceTasks: [],
    });
    const r = await ctx.submit(pta({ viewCodes: ['102'] }));
    const f = r.findings.find((x) => x.code === 'CDA-REG-004');
    expect(f?.message).toMatch(/expansion of use.*pta-imaging/);
  });

  it('CDA-REG-004 asks for pta-old-data for documents flagged as old patient data', async () => {
    const r = await ctx.submit(pta({ oldPatientData: true }));
    expect(r.findings.find((x) => x.code === 'CDA-REG-004')?.message).toMatch(/pta-old-data/);
  });

  it('an early effectiveTime alone does not make a document old patient data', async () => {
    const r = await ctx.submit(pta({ effectiveTime: '20050101120000' }));
    expect(r.findings.filter((x) => x.code === 'CDA-REG-004')).toEqual([]);
    expect(r.ack).toBe('AA');
  });

  it('CDA-SOC-006 on an unconfirmed service task warns but keeps the deployment check', async () => {
    const r = await ctx.submit(social({ serviceTask: '31' }), SOCIAL);
    expect(codes(r)).toEqual(expect.arrayContaining(['CDA-SOC-006', 'CDA-SOC-005']));
    expect(r.findings.find((x) => x.code === 'CDA-SOC-006')?.severity).toBe('warning');
  });

  it('a client-relationship document (group 1) needs no service task', async () => {
    const r = await ctx.submit(relationship(), SOCIAL);
    expect([r.ack, r.findings]).toEqual(['AA', []]);
  });

  it('CDA-SOC-003 names the category of an assumed group code', async () => {
    const r = await ctx.submit(social({ documentGroup: '5' }), SOCIAL);
    expect(r.findings.find((x) => x.code === 'CDA-SOC-003')?.message).toMatch(
      /II-vaiheen asiakirjat.*group code '5'/,
    );
  });

  it('CDA-ID-002 finds a real-range identity code deep in a section', async () => {
    const r = await ctx.submit(pta({ sectionSubjectHetu: REAL_RANGE_HETU }));
    const f = r.findings.find((x) => x.code === 'CDA-ID-002');
    expect(f?.path).toMatch(/structuredBody.*relatedSubject\/code\/@code$/);
  });
});

describe('archive rules: each repository takes its own interactions, and the frame is checked', () => {
  let ctx: Ctx;
  beforeEach(async () => {
    ctx = await setup();
  });
  afterEach(async () => {
    await ctx.store.close();
  });

  it('refuses the Patient Data Repository’s interactions at the social-welfare archive, naming the one to send', async () => {
    const document = buildCda({ repository: 'social' });
    const fresh = await ctx.submit(buildMessage(document, { repository: 'social' }), SOCIAL);
    expect([fresh.ack, fresh.outcome, codes(fresh)]).toEqual(['AR', 'refused', ['CDA-MSG-002']]);
    expect(fresh.findings[0]?.message).toMatch(/Patient Data Repository.*takes RCMR_IN200002FI01/);
    expect(fresh.findings[0]?.path).toBe('/RCMR_IN100002FI01');
    const replacement = await ctx.submit(
      buildMessage(document, { repository: 'social', interaction: 'RCMR_IN100016FI01' }),
      SOCIAL,
    );
    expect(codes(replacement)).toEqual(['CDA-MSG-002']);
    expect(replacement.findings[0]?.message).toMatch(/new version is RCMR_IN200016FI01.*assumption/);
    // Nothing was stored; the same repository takes its own frame.
    expect((await ctx.store.archive.search({ repository: 'social' })).total).toBe(0);
    expect((await ctx.submit(social(), SOCIAL)).ack).toBe('AA');
  });

  it('answers a message with the values of the public samples without a frame finding', async () => {
    for (const r of [await ctx.submit(pta()), await ctx.submit(social(), SOCIAL)])
      expect(r.findings.filter((f) => /^CDA-(MSG|SOC)-/.test(f.code))).toEqual([]);
  });

  it('weighs the frame: HL7’s own rules are errors, values only the samples show are warnings', async () => {
    const severity = async (body: string, code: string, opts = {}): Promise<string | undefined> =>
      (await ctx.submit(body, opts)).findings.find((f) => f.code === code)?.severity;
    expect(await severity(pta({}, { interactionIdRoot: '1.2.3' }), 'CDA-MSG-015')).toBe('error');
    expect(await severity(pta({}, { processingModeCode: 'Z' }), 'CDA-MSG-016')).toBe('error');
    expect(await severity(pta({}, { processingModeCode: 'A' }), 'CDA-MSG-017')).toBe('warning');
    expect(await severity(pta({}, { acceptAckCode: 'AL' }), 'CDA-MSG-017')).toBe('warning');
    expect(await severity(pta({}, { receiverDevice: null }), 'CDA-MSG-018')).toBe('error');
    expect(
      await severity(
        pta({}, { reasonCode: 'SP17', reasonCodeSystem: '1.2.246.537.6.1503.201601' }),
        'CDA-MSG-019',
      ),
    ).toBe('error');
    expect(await severity(pta({}, { reasonCode: 'PP999' }), 'CDA-MSG-020')).toBe('warning');
    expect(await severity(pta({}, { controlAct: 'RCMR_TE000910UV01' }), 'CDA-MSG-021')).toBe('warning');
    // The same wrapper rules hold at the social-welfare archive.
    const socialFrame = social().replace('<processingCode code="D"/>', '<processingCode code="X"/>');
    expect(await severity(socialFrame, 'CDA-MSG-016', SOCIAL)).toBe('error');
    const socialRoot = social().replace(
      'root="2.16.840.1.113883.1.6" extension="RCMR_IN200002FI01"',
      'root="1.2.3" extension="RCMR_IN200002FI01"',
    );
    expect(await severity(socialRoot, 'CDA-MSG-015', SOCIAL)).toBe('error');
  });

  it('names the controlAct code of each interaction alike on both repositories', async () => {
    const oid = await original(ctx);
    const pta2 = await ctx.submit(replacement(oid, {}, { controlAct: 'RCMR_TE000102UV01' }));
    const soc = await ctx.submit(social({}, { controlAct: 'RCMR_TE000910UV01' }), SOCIAL);
    expect(pta2.findings.find((f) => f.code === 'CDA-MSG-021')?.message).toBe(
      "controlActProcess/code of RCMR_IN100016FI01 is RCMR_TE000910UV01; expected RCMR_TE000910UV01, received 'RCMR_TE000102UV01'",
    );
    expect(soc.findings.find((f) => f.code === 'CDA-SOC-015')?.message).toBe(
      "controlActProcess/code of RCMR_IN200002FI01 is RCMR_TE000102UV01; expected RCMR_TE000102UV01, received 'RCMR_TE000910UV01'",
    );
    expect([pta2.ack, soc.ack]).toEqual(['AA', 'AA']);
  });

  it('accepts a social-welfare message sent from the organisation or one of its units, not from another organisation’s unit', async () => {
    for (const sender of [WORLD.social.unit, WORLD.social.organisation]) {
      const r = await ctx.submit(social({}, { sender, senderExtension: null }), SOCIAL);
      expect([sender, r.ack, codes(r)]).toEqual([sender, 'AA', []]);
    }
    for (const sender of [WORLD.pta.unit, WORLD.social.registerController]) {
      const r = await ctx.submit(social({}, { sender, senderExtension: null }), SOCIAL);
      const f = r.findings.find((x) => x.code === 'CDA-REG-005');
      expect(f?.path).toBe('/RCMR_IN200002FI01/sender/device/id');
      expect(f?.message).toMatch(/nor 1\.2\.246\.10\.2654321\.10\.0 or one of its units/);
      expect(r.outcome).toBe('refused');
    }
  });

  it('keeps the Patient Data Repository’s sender a registered connection point, located under its interaction', async () => {
    const r = await ctx.submit(pta({}, { senderDevice: { root: WORLD.pta.unit } }));
    const f = r.findings.find((x) => x.code === 'CDA-REG-005');
    expect(f?.path).toBe('/RCMR_IN100002FI01/sender/device/id');
    expect(f?.message).toMatch(/is not a registered connection point of 1\.2\.246\.10\.3210987\.10\.0/);
  });
});

describe('archive rules: XSD validation when a schema directory is given', () => {
  it('CDA-XSD-001 reports a schema error, and a schema-valid document passes', async () => {
    const ctx = await setup({ cdaSchemaDir: MINI_SCHEMA });
    const good = await ctx.submit(pta());
    expect(codes(good)).not.toContain('CDA-XSD-001');
    expect(good.ack).toBe('AA');
    const bad = await ctx.submit(pta({ realmCode: null }));
    expect(codes(bad)).toContain('CDA-XSD-001');
    await ctx.store.close();
  });
});

describe('archive rules: size limit', () => {
  it('CDA-XML-001 refuses a body over maxBodyBytes and accepts one under it', async () => {
    const ctx = await setup({ maxBodyBytes: 60_000 });
    expect(codes(await ctx.submit(pta({ padToBytes: 80_000 })))).toContain('CDA-XML-001');
    expect((await ctx.submit(pta({ padToBytes: 10_000 }))).ack).toBe('AA');
    await ctx.store.close();
  });
});

describe('archive intake modes', () => {
  let ctx: Ctx;
  beforeEach(async () => {
    ctx = await setup();
  });
  afterEach(async () => {
    await ctx.store.close();
  });

  it('strict mode refuses a document with errors and stores nothing', async () => {
    const m = ptaMessage({ realmCode: 'SE' });
    const r = await ctx.submit(m.message);
    expect([r.ack, r.status]).toEqual(['AE', 422]);
    expect(await ctx.store.archive.get(m.oid)).toBeUndefined();
  });

  it('a refused document is logged against the organisation of its custodian, with its patient', async () => {
    await ctx.submit(pta({ realmCode: 'SE' }));
    const [event] = await ctx.store.events.list({ channel: 'archive', outcome: 'refused' });
    expect(event).toMatchObject({ organisation: WORLD.pta.organisation, patient: TEST_HETU.patient });
  });

  it('rehearsal mode stores the document marked invalid and answers the errors as warnings', async () => {
    const m = ptaMessage({ realmCode: 'SE' });
    const r = await ctx.submit(m.message, { mode: 'rehearsal' });
    expect([r.ack, r.outcome]).toEqual(['AA', 'accepted-with-warnings']);
    expect(r.findings.find((f) => f.code === 'CDA-HDR-003')?.severity).toBe('warning');
    const stored = await ctx.store.archive.get(m.oid);
    expect(stored?.valid).toBe(false);
    expect(stored?.findings.find((f) => f.code === 'CDA-HDR-003')?.severity).toBe('error');
  });

  it('rehearsal mode still refuses input that cannot be stored', async () => {
    const r = await ctx.submit('<not-xml', { mode: 'rehearsal' });
    expect([r.ack, r.outcome]).toEqual(['AR', 'refused']);
  });

  it('a replacement marks its predecessor replaced and every submission is an event', async () => {
    const oid = await original(ctx);
    const r = await ctx.submit(replacement(oid));
    expect(r.document?.replaces).toBe(oid);
    expect((await ctx.store.archive.get(oid))?.status).toBe('replaced');
    await ctx.submit('<broken');
    const events = await ctx.store.events.list({ channel: 'archive' });
    expect(events.map((e) => [e.kind, e.outcome])).toEqual([
      ['document.archive', 'accepted'],
      ['document.replace', 'accepted'],
      ['document.refused', 'refused'],
    ]);
  });

  it('keeps the document OID unique under concurrent submissions', async () => {
    const m = ptaMessage();
    const same = await Promise.all(Array.from({ length: 8 }, () => ctx.submit(m.message)));
    expect(same.filter((r) => r.outcome === 'accepted')).toHaveLength(1);
    expect(same.filter((r) => r.outcome === 'duplicate')).toHaveLength(7);
    const other = ptaMessage();
    const variants = await Promise.all(
      ['A', 'B', 'C', 'D'].map((t) => ctx.submit(pta({ oid: other.oid, setId: other.oid, title: t }))),
    );
    expect(variants.filter((r) => r.ack === 'AA')).toHaveLength(1);
    expect(variants.filter((r) => codes(r).includes('CDA-VER-001'))).toHaveLength(3);
    expect(await ctx.store.archive.count()).toBe(2);
  });

  it('never throws on 400 randomly damaged messages and documents, and still archives afterwards', async () => {
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const sources = [ptaMessage().message, ptaMessage({}, { soap: '1.1' }).message, buildCda()];
    const damaged = (text: string): string => {
      const i = rand(text.length);
      switch (rand(4)) {
        case 0:
          return text.slice(0, i);
        case 1:
          return `${text.slice(0, i)}${'<>&"/='.charAt(rand(6))}${text.slice(i + 1)}`;
        case 2:
          return `${text.slice(0, i)}${text.slice(i + 1 + rand(50))}`;
        default:
          return `${text.slice(0, i)}${text.slice(i, i + rand(200))}${text.slice(i)}`;
      }
    };
    for (let k = 0; k < 400; k++) {
      const r = await ctx.submit(damaged(sources[k % sources.length] ?? ''), {
        repository: k % 2 === 0 ? 'pta' : 'social',
      });
      expect(['AA', 'AE', 'AR']).toContain(r.ack);
    }
    expect((await ctx.submit(pta())).ack).toBe('AA');
  });
});

describe('archive rules: real identities allowed by the operator', () => {
  it('CDA-ID-006 warns about a real-range code accepted under allowRealIdentities, and not about test codes', async () => {
    const ctx = await setup({ allowRealIdentities: true });
    const real = await ctx.submit(pta({ patient: { root: '1.2.246.21', extension: REAL_RANGE_HETU } }));
    expect(real.ack).toBe('AA');
    expect(codes(real)).toContain('CDA-ID-006');
    expect(codes(await ctx.submit(pta()))).not.toContain('CDA-ID-006');
    await ctx.store.close();
  });
});
