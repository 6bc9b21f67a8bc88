/**
 * Catalogue entries of shared (TLS) mode: the certificate, token, header and scope refusals a shared,
 * multi-tenant kantasim answers (docs/shared-mode.md). Kept apart from the per-channel files because
 * they belong to one feature that crosses all three channels.
 */
import type { RuleEntry, RuleSource } from './types.ts';

const SHARED: RuleSource = { title: 'kantasim: running a shared kantasim', url: 'docs/shared-mode.md' };
const DVV_CERTS: RuleSource = {
  title: 'DVV: Service certificates for social welfare and health care',
  url: 'https://dvv.fi/en/service-certificates-social-welfare-and-health-care',
};
const KANTA_COMMON: RuleSource = {
  title: 'Kanta: Common specifications (Kanta FHIR HTTP header, Kanta JSON Web Token)',
  url: 'https://www.kanta.fi/en/system-developers/common-specifications',
};
const CONNECTION_POINTS: RuleSource = {
  title: 'Kanta.fi: pages for system developers (connection points and intermediaries)',
  url: 'https://www.kanta.fi/en/system-developers',
};

const GATE = ['simulator/http/tls-auth.ts'];

export const ACCESS_RULES: readonly RuleEntry[] = [
  {
    code: 'access-no-certificate',
    channel: 'registry',
    severity: 'error',
    element: 'TLS client certificate',
    messages: {
      fi: 'tämä kantasim toimii jaetussa tilassa: yhdistä sen CA:n myöntämällä asiakasvarmenteella; ilman sitä vastaa vain /healthz',
      sv: 'denna kantasim körs i delat läge: anslut med ett klientcertifikat utfärdat av dess CA; utan det svarar endast /healthz',
      en: 'this kantasim runs in shared mode: connect with a client certificate issued by its CA; without one only /healthz answers',
    },
    sources: [DVV_CERTS, SHARED],
    basis: 'published',
    modules: GATE,
  },
  {
    code: 'FHIR-ACCESS-001',
    channel: 'fhir',
    severity: 'error',
    element: 'TLS client certificate',
    messages: {
      fi: 'tämä kantasim toimii jaetussa tilassa: yhdistä sen CA:n myöntämällä asiakasvarmenteella; ilman sitä vastaa vain /healthz',
      sv: 'denna kantasim körs i delat läge: anslut med ett klientcertifikat utfärdat av dess CA; utan det svarar endast /healthz',
      en: 'this kantasim runs in shared mode: connect with a client certificate issued by its CA; without one only /healthz answers',
    },
    variants: [
      {
        fi: 'tämä kantasim toimii jaetussa tilassa: yhdistä sen CA:n myöntämällä asiakasvarmenteella (kantasim ca issue --org OID); ilman sitä vastaa vain /healthz',
        sv: 'denna kantasim körs i delat läge: anslut med ett klientcertifikat utfärdat av dess CA (kantasim ca issue --org OID); utan det svarar endast /healthz',
        en: 'this kantasim runs in shared mode: connect with a client certificate issued by its CA (kantasim ca issue --org OID); without one only /healthz answers',
      },
    ],
    sources: [DVV_CERTS, SHARED],
    basis: 'published',
    modules: GATE,
  },
  {
    code: 'missing-request-id',
    channel: 'registry',
    severity: 'error',
    element: 'X-Request-Id',
    messages: {
      fi: 'lähetä X-Request-Id-otsake (pyyntökohtainen yksilöllinen tunniste, esim. UUID)',
      sv: 'skicka huvudet X-Request-Id (ett unikt id per begäran, t.ex. ett UUID)',
      en: 'send an X-Request-Id header (a unique id per request, e.g. a UUID)',
    },
    sources: [KANTA_COMMON],
    basis: 'published',
    modules: GATE,
  },
  {
    code: 'access-operator-only',
    channel: 'registry',
    severity: 'error',
    element: '{method} {path}',
    messages: {
      fi: '{caller} ei saa tehdä pyyntöä {method} {path}: kohteen {what} muutokset vaativat ylläpitäjän varmenteen',
      sv: '{caller} får inte göra {method} {path}: ändringar av {what} kräver operatörscertifikatet',
      en: '{caller} may not {method} {path}: writes to {what} need the operator certificate',
    },
    variants: [
      {
        fi: '{caller} ei saa mitätöidä asiakirjaa {oid} organisaation {organisation} puolesta: nimeä oma organisaatiosi kentässä "organisation" tai mitätöi ylläpitäjän varmenteella',
        sv: '{caller} får inte makulera dokumentet {oid} för {organisation}: ange din egen organisation i "organisation", eller makulera med operatörscertifikatet',
        en: '{caller} may not nullify document {oid} for {organisation}: name your own organisation in "organisation", or nullify with the operator certificate',
      },
      {
        fi: '{caller} ei saa mitätöidä asiakirjaa {oid} arkiston ylläpitäjänä: nimeä oma organisaatiosi kentässä "organisation" tai mitätöi ylläpitäjän varmenteella',
        sv: '{caller} får inte makulera dokumentet {oid} som arkivets operatör: ange din egen organisation i "organisation", eller makulera med operatörscertifikatet',
        en: '{caller} may not nullify document {oid} as the archive operator: name your own organisation in "organisation", or nullify with the operator certificate',
      },
    ],
    sources: [SHARED],
    basis: 'assumption',
    modules: ['simulator/http/guards.ts', 'simulator/archive/routes.ts'],
  },
  {
    code: 'access-out-of-scope',
    channel: 'registry',
    severity: 'error',
    element: '/scenarios',
    messages: {
      fi: '{caller} ei saa tallentaa ajoa organisaatiolle {organisation}: tallenna vain sellaisten skenaarioiden ajot, jotka nimeävät oman organisaatiosi tai sen yksiköitä',
      sv: '{caller} får inte registrera en körning för {organisation}: registrera bara körningar av scenarier som anger din organisation eller dess enheter',
      en: '{caller} may not record a run for {organisation}: record only runs of scenarios that name your organisation or its units',
    },
    sources: [SHARED],
    basis: 'assumption',
    modules: ['simulator/runs/routes.ts'],
  },
  {
    code: 'passcode-required',
    channel: 'registry',
    severity: 'error',
    element: '/passcode',
    messages: {
      fi: 'tämä kantasim toimii jaetussa tilassa: anna arkistonhoitajalle tunnuskoodi kentässä "passcode"',
      sv: 'denna kantasim körs i delat läge: ge arkivarien en kod i "passcode"',
      en: 'this kantasim runs in shared mode: give the archivist a passcode in "passcode"',
    },
    sources: [SHARED],
    basis: 'assumption',
    modules: ['simulator/registry/routes.ts'],
  },
  {
    code: 'FHIR-ACCESS-002',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent.who.identifier.value',
    messages: {
      fi: '{caller} ei saa lähettää ajanvarauksia palvelunjärjestäjälle {organiser}: organisaatio lähettää vain omiaan, yksiköidensä ja niiden organisaatioiden tietoja, joiden rekisteröity liityntäpiste se on',
      sv: '{caller} får inte skicka tidsbokningar för tjänsteanordnaren {organiser}: en organisation skickar bara för sig själv, sina enheter och de organisationer den är registrerad anslutningspunkt för',
      en: '{caller} may not submit appointments for service organiser {organiser}: an organisation submits only for itself, its units and the organisations it is a registered connection point for',
    },
    variants: [
      {
        fi: '{caller} ei saa muuttaa ajanvarausta Appointment/{id}: sen palvelunjärjestäjä on toinen organisaatio',
        sv: '{caller} får inte ändra Appointment/{id}: dess tjänsteanordnare är en annan organisation',
        en: '{caller} may not change Appointment/{id}: its service organiser is another organisation',
      },
      {
        fi: '{caller} ei saa kirjoittaa resurssia {resource} organisaatiolle {organisations}: Schedule tai Slot kuuluu organisaatioille, jotka sen aikataulun toimijat nimeävät (HealthcareService.providedBy, Location.managingOrganization, PractitionerRole.organization)',
        sv: '{caller} får inte skriva en {resource} för {organisations}: en Schedule eller Slot hör till de organisationer som schemats aktörer anger (HealthcareService.providedBy, Location.managingOrganization, PractitionerRole.organization)',
        en: "{caller} may not write a {resource} of {organisations}: a Schedule or Slot belongs to the organisations its schedule's actors name (HealthcareService.providedBy, Location.managingOrganization, PractitionerRole.organization)",
      },
      {
        fi: '{caller} ei saa kirjoittaa resurssia {resource} organisaatiolle {organisations}: HealthcareService, Location tai PractitionerRole kuuluu organisaatiolle, jonka se nimeää (providedBy, managingOrganization, organization), ja Organization tunnisteidensa OID-tunnuksille',
        sv: '{caller} får inte skriva en {resource} för {organisations}: en HealthcareService, Location eller PractitionerRole hör till den organisation den anger (providedBy, managingOrganization, organization), en Organization till OID:erna i sina identifierare',
        en: '{caller} may not write a {resource} of {organisations}: a HealthcareService, Location or PractitionerRole belongs to the organisation it names (providedBy, managingOrganization, organization), an Organization to the OIDs of its identifiers',
      },
      {
        fi: '{caller} ei saa muuttaa resurssia {resource}: se kuuluu organisaatiolle {organisations}',
        sv: '{caller} får inte ändra {resource}: den hör till {organisations}',
        en: '{caller} may not change {resource}: it belongs to {organisations}',
      },
    ],
    sources: [CONNECTION_POINTS, SHARED],
    basis: 'assumption',
    modules: ['simulator/access/fhir-scope.ts'],
  },
  {
    code: 'CDA-ACCESS-001',
    channel: 'archive',
    severity: 'fatal',
    element: '/ClinicalDocument/custodian/assignedCustodian/representedCustodianOrganization/id/@root',
    messages: {
      fi: '{caller} ei saa arkistoida asiakirjaa, jonka ylläpitäjä (custodian) on {custodian}: organisaatio arkistoi vain omiin rekistereihinsä, yksiköidensä rekistereihin tai niiden organisaatioiden rekistereihin, joiden rekisteröity liityntäpiste se on',
      sv: '{caller} får inte arkivera ett dokument vars custodian är {custodian}: en organisation arkiverar bara i sina egna register, sina enheters eller de organisationers register som den är registrerad anslutningspunkt för',
      en: "{caller} may not archive a document whose custodian is {custodian}: an organisation archives only into its own registers, its units' or those of the organisations it is a registered connection point for",
    },
    sources: [CONNECTION_POINTS, SHARED],
    basis: 'assumption',
    modules: ['simulator/archive/intake.ts'],
  },
];
