/**
 * The social-welfare Client Data Repository in Kanta's format: real-format messages (RCMR_IN200002FI01
 * with hl7fi:localSocialHeader documents, built by fixtures/cda/social.ts) are accepted by a fresh
 * simulator after their organisations register themselves (organisation, unit, certified system,
 * customer with social-welfare, document categories, service tasks and the sender device as connection
 * point), are found by patient, and every rule of the format has a failing and a passing case. Real
 * SQLite store (in memory), the real intake.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { canLocalise } from '../../common/rules/messages.ts';
import {
  REAL_RANGE_HETU,
  SOCIAL_OIDS,
  SOCIAL_ORGANISATIONS,
  TEST_HETU,
  kantaSocialMessage,
  socialCda,
  socialFrame,
  type SocialCdaOptions,
  type SocialFrameOptions,
  type SocialKind,
  type SocialOrganisation,
} from '../../fixtures/cda/index.ts';
import { DEFAULT_CONFIG } from '../config.ts';
import type { Finding } from '../domain/findings.ts';
import { EventLog } from '../events/log.ts';
import { createLogger } from '../logger.ts';
import { RegistryService } from '../registry/service.ts';
import { openSqliteStore, type SqliteStore } from '../store/sqlite/index.ts';
import { extractHeader } from './header.ts';
import { ArchiveIntake, type IntakeResult } from './intake.ts';
import { parseXml } from './xml.ts';

interface Ctx {
  store: SqliteStore;
  registry: RegistryService;
  submit(body: string, repository?: 'pta' | 'social'): Promise<IntakeResult>;
}

/** The new user's path: the organisation registers itself and nothing else. */
async function register(registry: RegistryService, org: SocialOrganisation, system: string): Promise<void> {
  await registry.putOrganisation({ oid: org.oid, name: org.name, kind: 'organisation', public: true }, false);
  if (org.unit)
    await registry.putOrganisation(
      { oid: org.unit.oid, name: org.unit.name, kind: 'service-unit', partOf: org.oid, public: true },
      false,
    );
  await registry.addSystem({
    id: system,
    vendor: 'Asiakastieto Oy',
    product: 'Sosiaali360',
    version: '4.2.0',
    category: 'A',
    certifiedFor: ['social-welfare'],
  });
  await registry.putCustomer(org.oid, {
    serviceDescriptionAccepted: true,
    system,
    connectionPoints: [{ id: org.oid, operator: org.name, announcedAt: '2026-06-01' }],
    services: ['social-welfare'],
    documentGroups: ['phase1', 'phase2'],
    serviceTasks: ['24'],
  });
}

function fresh(): Ctx {
  const store = openSqliteStore(':memory:');
  const events = new EventLog(store);
  const registry = new RegistryService({ store, events, allowRealIdentities: false });
  const intake = new ArchiveIntake({
    store,
    events,
    config: { ...DEFAULT_CONFIG, dbFile: ':memory:' },
    logger: createLogger('silent'),
  });
  return {
    store,
    registry,
    submit: (body, repository = 'social') =>
      intake.submit({
        repository,
        body: new Uint8Array(Buffer.from(body, 'utf8')),
        contentType: 'text/xml',
        mode: 'strict',
      }),
  };
}

const codes = (r: IntakeResult): string[] => r.findings.map((f) => f.code);
const msg = (
  kind: SocialKind,
  cda: Partial<SocialCdaOptions> = {},
  frame: Partial<SocialFrameOptions> = {},
): string => kantaSocialMessage(kind, cda, frame).message;

let ctx: Ctx;
beforeEach(async () => {
  ctx = fresh();
  await register(ctx.registry, SOCIAL_ORGANISATIONS.pohjola, 'sosiaali360-pohjola');
  await register(ctx.registry, SOCIAL_ORGANISATIONS.kaarna, 'sosiaali360-kaarna');
});

describe('the bar: real-format messages from two self-registered organisations', () => {
  it('accepts a client-relationship document and a client document with access restrictions, found by patient', async () => {
    const a = kantaSocialMessage('client-relationship', { organisation: SOCIAL_ORGANISATIONS.pohjola });
    const b = kantaSocialMessage(
      'client',
      {
        organisation: SOCIAL_ORGANISATIONS.kaarna,
        custodian: 'unit',
        restriction: { argument: 'Viivästys 1', inaccessible: '1' },
      },
      { soap: '1.2' },
    );
    const ra = await ctx.submit(a.message);
    expect(ra.findings.filter((f) => f.severity !== 'information')).toEqual([]);
    expect(ra.ack).toBe('AA');
    const rb = await ctx.submit(b.message);
    expect(rb.findings.filter((f) => f.severity !== 'information')).toEqual([]);
    expect(rb.ack).toBe('AA');
    expect(rb.document?.organisation).toBe(SOCIAL_ORGANISATIONS.kaarna.oid);
    const page = await ctx.store.archive.search({ patient: TEST_HETU.patient, repository: 'social' });
    expect(page.documents.map((d) => d.oid).sort()).toEqual([a.oid, b.oid].sort());
    const stored = await ctx.store.archive.get(b.oid);
    const local = stored?.header.social.local;
    expect(local?.specificDocumentType?.code).toBe('15007');
    expect(local?.inaccessibleArgument?.code).toBe('1');
    expect(local?.authorizationRestrictionArgument).toBe('Viivästys 1');
    expect(stored?.header.social.kind).toBe('client');
    expect(stored?.header.social.body?.json?.root).toEqual(['lapsiperheiden_palvelujen_asiakassuunnitelma']);
    expect(stored?.header.social.body?.xhtml?.root).toEqual(['div']);
    expect(stored?.message?.usageContext?.code).toBe('1');
    expect(stored?.documentType).toBe('15007');
  });

  it('refuses an unknown interaction, an unknown reason code and a real-range patient with their codes', async () => {
    const unknown = await ctx.submit(msg('client', {}, { interaction: 'RCMR_IN200099FI01' }));
    expect(unknown.ack).toBe('AR');
    expect(codes(unknown)).toContain('CDA-MSG-002');
    const reason = await ctx.submit(msg('client', {}, { serviceRequest: 'SP99' }));
    expect(reason.ack).toBe('AR');
    expect(codes(reason)).toContain('CDA-SOC-010');
    const real = await ctx.submit(
      msg('client', { patient: { hetu: REAL_RANGE_HETU, family: 'X', given: 'Y', gender: '1' } }),
    );
    expect(real.outcome).toBe('refused');
    expect(codes(real)).toContain('CDA-ID-002');
    const page = await ctx.store.archive.search({ repository: 'social' });
    expect(page.documents).toEqual([]);
  });

  it('refuses a real-range code that only the frame carries', async () => {
    const r = await ctx.submit(msg('client', {}, { senderPerson: REAL_RANGE_HETU }));
    expect(r.outcome).toBe('refused');
    expect(codes(r)).toContain('CDA-ID-002');
  });

  it('takes a message whose sender device is a unit of the organisation (….10.40), with no connection point of its own', async () => {
    const pohjola = SOCIAL_ORGANISATIONS.pohjola;
    const r = await ctx.submit(msg('client', {}, { sender: pohjola.unit.oid }));
    expect(codes(r)).not.toContain('CDA-REG-005');
    expect(r.ack).toBe('AA');
    // Another organisation's unit is no sender of Pohjola's documents.
    const other = await ctx.submit(msg('client', {}, { sender: SOCIAL_ORGANISATIONS.kaarna.unit.oid }));
    expect(other.findings.find((f) => f.code === 'CDA-REG-005')?.path).toBe(
      '/RCMR_IN200002FI01/sender/device/id',
    );
  });

  it('refuses the social interaction at the Patient Data Repository', async () => {
    const r = await ctx.submit(msg('client'), 'pta');
    expect(r.ack).toBe('AR');
    expect(codes(r)).toContain('CDA-MSG-002');
  });
});

interface Case {
  code: string;
  what: string;
  bad: () => Promise<IntakeResult>;
  good: () => Promise<IntakeResult>;
  advisory?: boolean;
}

const client = (
  cda: Partial<SocialCdaOptions> = {},
  frame: Partial<SocialFrameOptions> = {},
): Promise<IntakeResult> => ctx.submit(msg('client', cda, frame));
const relationship = (
  cda: Partial<SocialCdaOptions> = {},
  frame: Partial<SocialFrameOptions> = {},
): Promise<IntakeResult> => ctx.submit(msg('client-relationship', cda, frame));

const CASES: Case[] = [
  {
    code: 'CDA-SOC-010',
    what: 'no service request',
    bad: () => client({}, { serviceRequest: null }),
    good: () => client(),
  },
  {
    code: 'CDA-SOC-011',
    what: 'SP1 for a client document',
    bad: () => client({}, { serviceRequest: 'SP1' }),
    good: () => relationship({}, { serviceRequest: 'SP1' }),
  },
  {
    code: 'CDA-SOC-012',
    what: 'no usage context',
    bad: () => client({}, { usageContext: null }),
    good: () => client({}, { usageContext: '1' }),
  },
  {
    code: 'CDA-SOC-013',
    what: 'a frame clinicalDocument/code that is not the register',
    bad: () => client({}, { register: { code: '15', codeSystem: SOCIAL_OIDS.documentType } }),
    good: () => client(),
  },
  {
    code: 'CDA-SOC-014',
    what: "a frame setId that is not the document's",
    bad: () => client({}, { frameSetId: '1.2.246.10.2765432.95.2026.1' }),
    good: () => client(),
  },
  {
    code: 'CDA-SOC-015',
    what: 'a controlAct code that is not the archiving one',
    bad: () => client({}, { controlAct: 'RCMR_TE000910UV01' }),
    good: () => client(),
    advisory: true,
  },
  {
    code: 'CDA-SOC-020',
    what: 'a client document with ClinicalDocument/code nullFlavor',
    bad: () => client({ generalType: null }),
    good: () => relationship({ generalType: null }),
  },
  {
    code: 'CDA-SOC-021',
    what: 'a client-relationship document without encompassingClientRelationship',
    bad: () => relationship({ omit: ['encompassingClientRelationship'] }),
    good: () => relationship(),
  },
  {
    code: 'CDA-SOC-021',
    what: 'a client document without specificDocumentType',
    bad: () => client({ specificType: null }),
    good: () => client(),
  },
  {
    code: 'CDA-SOC-022',
    what: 'a display format that cannot be in its list',
    bad: () => client({ fileFormat: 'XHTML' }),
    good: () => client({ fileFormat: '2' }),
  },
  {
    code: 'CDA-SOC-006',
    what: 'a retention period kantasim has not confirmed',
    bad: () => client({ retention: '7' }),
    good: () => client({ retention: '1' }),
    advisory: true,
  },
  {
    code: 'CDA-SOC-023',
    what: 'a JSON part that is not JSON',
    bad: () => client({ json: Buffer.from('{"a":', 'utf8').toString('base64') }),
    good: () => client(),
  },
  {
    code: 'CDA-SOC-023',
    what: 'an XHTML view that is not base64',
    bad: () => ctx.submit(brokenXhtml()),
    good: () => client(),
  },
  {
    code: 'CDA-SOC-024',
    what: 'a specific type outside its general type',
    bad: () => client({ generalType: '11' }),
    good: () => client({ generalType: '15' }),
    advisory: true,
  },
  {
    code: 'CDA-SOC-025',
    what: 'an encounter participant the registry does not know',
    bad: () => client({ participant: { oid: '1.2.246.10.2711111.10.3', name: 'Tuntematon yksikkö' } }),
    good: () => client(),
    advisory: true,
  },
  {
    code: 'CDA-SOC-004',
    what: 'a client document without service task',
    bad: () => client({ serviceTask: null }),
    good: () => relationship(),
  },
  {
    code: 'CDA-SOC-005',
    what: 'a service task the organisation has not deployed',
    bad: () => client({ serviceTask: '10' }),
    good: () => client({ serviceTask: '24' }),
  },
  {
    code: 'CDA-SOC-001',
    what: 'hl7fi:documentGroup renamed hl7fi:typeCode (a group is read from its element only)',
    bad: () => ctx.submit(changed('client', (cda) => cda.replace(/hl7fi:documentGroup/g, 'hl7fi:typeCode'))),
    good: () => client(),
  },
  {
    code: 'CDA-SOC-002',
    what: 'hl7fi:documentGroup with the service-task code system',
    bad: () =>
      ctx.submit(changed('client', (cda) => withSystem(cda, 'documentGroup', SOCIAL_OIDS.serviceTask))),
    good: () => client(),
  },
  {
    code: 'CDA-SOC-004',
    what: 'hl7fi:functionCode renamed (a service task is read from its element only)',
    bad: () =>
      ctx.submit(changed('client', (cda) => cda.replace(/hl7fi:functionCode/g, 'hl7fi:serviceTask'))),
    good: () => client(),
  },
  {
    code: 'CDA-SOC-007',
    what: 'hl7fi:functionCode with the document-group code system',
    bad: () =>
      ctx.submit(changed('client', (cda) => withSystem(cda, 'functionCode', SOCIAL_OIDS.documentGroup))),
    good: () => client(),
  },
  {
    code: 'CDA-REG-001',
    what: 'a custodian that is not registered',
    bad: () =>
      ctx.submit(
        kantaSocialMessage('client', {
          organisation: { oid: '1.2.246.10.2722222.10.0', name: 'Rekisteröimätön Oy' },
        }).message,
      ),
    good: () => client({ custodian: 'unit' }),
  },
];

/** A message around a Kanta-format document changed by `change` (the CDA text, before framing). */
function changed(kind: SocialKind, change: (cda: string) => string): string {
  const org = SOCIAL_ORGANISATIONS.pohjola;
  return socialFrame(change(socialCda(kind, { organisation: org }).cda), kind, org);
}

/** The document with the code system of its hl7fi:`element` replaced. */
function withSystem(cda: string, element: string, codeSystem: string): string {
  const re = new RegExp(`(<hl7fi:${element}\\b[^>]*codeSystem=")[^"]*`);
  if (!re.test(cda)) throw new Error(`no hl7fi:${element} with a codeSystem`);
  return cda.replace(re, `$1${codeSystem}`);
}

describe('the document group and the service task, read from their elements', () => {
  it('blame the element that carries the wrong code system, not the other one', async () => {
    const r = await ctx.submit(
      changed('client', (cda) => withSystem(cda, 'documentGroup', SOCIAL_OIDS.serviceTask)),
    );
    expect(r.findings.map((f) => [f.code, f.path])).toEqual([
      ['CDA-SOC-002', '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:documentGroup/@codeSystem'],
    ]);
    expect(r.findings[0]?.message).toMatch(/^hl7fi:documentGroup must use Sosiaalihuolto - Asiakirjaryhmä/);
    expect(canLocalise(r.findings[0] as Finding)).toBe(true);
    const task = await ctx.submit(
      changed('client', (cda) => withSystem(cda, 'functionCode', SOCIAL_OIDS.documentGroup)),
    );
    expect(task.findings.map((f) => [f.code, f.path])).toEqual([
      ['CDA-SOC-007', '/ClinicalDocument/hl7fi:localSocialHeader/hl7fi:functionCode/@codeSystem'],
    ]);
  });

  it('a client-relationship document whose group is renamed is refused, not archived without one', async () => {
    const r = await ctx.submit(
      changed('client-relationship', (cda) => cda.replace(/hl7fi:documentGroup/g, 'hl7fi:typeCode')),
    );
    expect(r.ack).toBe('AE');
    expect(r.findings.find((f) => f.code === 'CDA-SOC-001')?.message).toMatch(
      /add hl7fi:documentGroup to hl7fi:localSocialHeader/,
    );
  });
});

/** A client document whose XHTML view is not base64 (a raw XHTML string in the element). */
function brokenXhtml(): string {
  const org = SOCIAL_ORGANISATIONS.pohjola;
  const { cda } = socialCda('client', { organisation: org });
  const broken = cda.replace(
    /(<text mediaType="application\/xhtml\+xml" representation="B64">)[^<]*/,
    '$1not base64 at all!',
  );
  return socialFrame(broken, 'client', org);
}

describe('every social-format rule fails and passes', () => {
  for (const c of CASES) {
    it(`${c.code}: ${c.what}`, async () => {
      const bad = await c.bad();
      expect(codes(bad)).toContain(c.code);
      if (!c.advisory) expect(bad.outcome).toBe('refused');
      const good = await c.good();
      expect(codes(good)).not.toContain(c.code);
      expect(good.ack).toBe('AA');
    });
  }
});

describe('versions (RCMR_IN200016FI01, a kantasim assumption)', () => {
  it('replaces a client document in the same set; RPLC without the replace interaction is CDA-MSG-010', async () => {
    const first = kantaSocialMessage('client');
    expect((await ctx.submit(first.message)).ack).toBe('AA');
    const wrong = await ctx.submit(
      msg('client', { setId: first.oid, versionNumber: 2, replaces: { oid: first.oid } }),
    );
    expect(codes(wrong)).toContain('CDA-MSG-010');
    const second = await ctx.submit(
      msg(
        'client',
        { setId: first.oid, versionNumber: 2, replaces: { oid: first.oid } },
        { interaction: 'RCMR_IN200016FI01' },
      ),
    );
    expect(second.findings.filter((f) => f.severity !== 'information')).toEqual([]);
    // The interaction itself is kantasim's assumption, and the answer says so.
    expect(second.findings.find((f) => f.code === 'CDA-SOC-016')).toMatchObject({
      severity: 'information',
      path: '/RCMR_IN200016FI01',
    });
    expect(second.document?.replaces).toBe(first.oid);
    expect((await ctx.store.archive.get(first.oid))?.status).toBe('replaced');
  });
});

describe('header extraction', () => {
  it('reads the register from registryType and the nullFlavor code of a client-relationship document', () => {
    const { cda } = socialCda('client-relationship');
    const parsed = parseXml(cda, '/', 1e7);
    if (!parsed.ok) throw new Error('not parsed');
    const h = extractHeader(parsed.root, { repository: 'social' });
    expect(h.registerCode?.code).toBe('1');
    expect(h.social.documentCode?.nullFlavor).toBe('NA');
    expect(h.social.kind).toBe('client-relationship');
    expect(h.social.local?.encompassingClientRelationship?.root).toMatch(/\.1$/);
    expect(h.social.consent?.code).toBe('1');
  });
});
