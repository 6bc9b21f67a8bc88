/**
 * Catalogue entries for the registry channel: the error codes of kantasim's plain JSON APIs
 * (`/registry`, and the same error body on `/events`, `/runs` and the archive's JSON routes):
 * `{ "error": { "code", "message", "path" } }`.
 *
 * These are kantasim's own API (the code-server, Extranet and test-ID mocks have no published error
 * format), so every entry is an assumption except where the rule behind it is published (test identity
 * codes). Data only; see `types.ts`.
 */
import type { RuleEntry, RuleSource } from './types.ts';

const API: RuleSource = { title: 'kantasim: HTTP API (README, registry errors)', url: 'README.md' };
const JSON_RFC: RuleSource = {
  title: 'IETF RFC 8259: The JSON Data Interchange Format',
  url: 'https://www.rfc-editor.org/rfc/rfc8259',
};
const HTTP_RFC: RuleSource = {
  title: 'IETF RFC 9110: HTTP Semantics',
  url: 'https://www.rfc-editor.org/rfc/rfc9110',
};
const CODE_SERVER: RuleSource = {
  title: 'THL/Kela: Koodistopalvelu (national code server)',
  url: 'https://koodistopalvelu.kanta.fi/codeserver/',
};
const OID: RuleSource = {
  title:
    'THL: ISO OID -yksilöintitunnuksen käytön kansalliset periaatteet (published through Koodistopalvelu)',
  url: 'https://koodistopalvelu.kanta.fi/codeserver/',
};
const ETIQUETTE: RuleSource = {
  title: 'Kanta: Test etiquette',
  url: 'https://www.kanta.fi/en/system-developers/test-etiquette',
};
const HETU: RuleSource = {
  title: 'DVV: Personal identity code',
  url: 'https://dvv.fi/en/personal-identity-code',
};

const REGISTRY = ['simulator/registry/service.ts'];

export const REGISTRY_RULES: readonly RuleEntry[] = [
  {
    code: 'invalid-body',
    channel: 'registry',
    severity: 'error',
    element: '{pointer}',
    messages: {
      fi: '{pointer} {problem}; korjaa kenttä (sisältö ei vastaa tämän rajapinnan skeemaa)',
      sv: '{pointer} {problem}; rätta fältet (innehållet följer inte schemat för den här slutpunkten)',
      en: '{pointer} {problem}; correct the field (the body does not match the schema of this endpoint)',
    },
    sources: [API],
    basis: 'assumption',
    modules: [
      'simulator/registry/schemas.ts',
      'simulator/registry/service.ts',
      'simulator/runs/format.ts',
      'simulator/runs/routes.ts',
    ],
  },
  {
    code: 'invalid-json',
    channel: 'registry',
    severity: 'error',
    element: '',
    messages: {
      fi: 'pyynnön sisältö ei ole kelvollista JSONia: {problem}',
      sv: 'begärans innehåll är inte giltig JSON: {problem}',
      en: 'request body is not valid JSON: {problem}',
    },
    sources: [JSON_RFC],
    basis: 'published',
    modules: ['simulator/http/errors.ts'],
  },
  {
    code: 'invalid-utf8',
    channel: 'registry',
    severity: 'error',
    element: '',
    messages: {
      fi: 'sisältö ei ole UTF-8:aa (ensimmäinen virheellinen tavu on siirtymässä {offset}); JSON välitetään UTF-8:na: koodaa se uudelleen tai nimeä sen merkistö (utf-16 tai utf-32) Content-Type-otsakkeessa',
      sv: 'innehållet är inte UTF-8 (den första felaktiga byten är vid position {offset}); JSON utbyts i UTF-8: koda om det eller ange dess teckenkodning (utf-16 eller utf-32) i Content-Type',
      en: 'the body is not UTF-8 (the first byte that is not is at offset {offset}); JSON is exchanged in UTF-8: re-encode it, or name its charset (utf-16 or utf-32) in Content-Type',
    },
    sources: [
      {
        title: 'IETF RFC 8259 (JSON), section 8.1 Character Encoding',
        url: 'https://www.rfc-editor.org/rfc/rfc8259#section-8.1',
      },
    ],
    basis: 'published',
    modules: ['simulator/http/errors.ts', 'simulator/http/json-body.ts'],
  },
  {
    code: 'invalid-text',
    channel: 'registry',
    severity: 'error',
    element: '{pointer}',
    messages: {
      fi: '{pointer} sisältää parittoman UTF-16-sijaismerkin (\\uD800–\\uDFFF ilman pariaan), joka ei ole Unicode-merkki; lähetä itse merkki tai sen koko sijaismerkkipari',
      sv: '{pointer} innehåller ett oparat UTF-16-surrogat (\\uD800–\\uDFFF utan sitt par), som inte är ett Unicode-tecken; skicka själva tecknet eller hela surrogatparet',
      en: '{pointer} holds an unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF without its pair), which is not a Unicode character; send the character itself or its complete surrogate pair',
    },
    sources: [
      {
        title: 'IETF RFC 8259 (JSON), section 8.2 Unicode Characters',
        url: 'https://www.rfc-editor.org/rfc/rfc8259#section-8.2',
      },
    ],
    basis: 'published',
    modules: ['simulator/http/json-body.ts'],
  },
  {
    code: 'invalid-parameter',
    channel: 'registry',
    severity: 'error',
    element: '{parameter}',
    messages: {
      fi: "kyselyparametri '{parameter}' {problem}; anna {expected}",
      sv: "frågeparametern '{parameter}' {problem}; ange {expected}",
      en: "query parameter '{parameter}' {problem}; give {expected}",
    },
    sources: [API],
    basis: 'assumption',
    modules: [
      'simulator/registry/routes.ts',
      'simulator/events/routes.ts',
      'simulator/runs/routes.ts',
      'simulator/archive/routes.ts',
    ],
  },
  {
    code: 'invalid-oid',
    channel: 'registry',
    severity: 'error',
    element: '{field}',
    messages: {
      fi: "'{value}' ei ole OID: {problem}",
      sv: "'{value}' är inte en OID: {problem}",
      en: "'{value}' is not an OID: {problem}",
    },
    sources: [OID],
    basis: 'published',
    modules: REGISTRY,
  },
  {
    code: 'invalid-identity-code',
    channel: 'registry',
    severity: 'error',
    element: '/codes/{i}',
    messages: {
      fi: '{code}: {problem}',
      sv: '{code}: {problem}',
      en: '{code}: {problem}',
    },
    sources: [HETU, ETIQUETTE],
    basis: 'published',
    modules: REGISTRY,
  },
  {
    code: 'invalid-reference',
    channel: 'registry',
    severity: 'error',
    element: '{field}',
    messages: {
      fi: '{field} nimeää tiedon {value}, joka on väärää lajia: {problem}',
      sv: '{field} anger {value}, som är fel sorts post: {problem}',
      en: '{field} names {value}, which is the wrong kind of entry: {problem}',
    },
    sources: [API, CODE_SERVER],
    basis: 'assumption',
    modules: REGISTRY,
  },
  {
    code: 'unknown-service-task',
    channel: 'registry',
    severity: 'error',
    element: '/serviceTasks/{i}',
    messages: {
      fi: "palvelutehtävä '{task}' ei ole koodiston Sosiaalihuolto - Palvelutehtävä (1.2.246.537.6.1221.201601) koodi; ilmoita palvelutehtävä koodillaan, esim. 24 Lapsiperheiden palvelut",
      sv: "serviceuppgiften '{task}' är inte en kod i kodsystemet Sosiaalihuolto - Palvelutehtävä (1.2.246.537.6.1221.201601); anmäl uppgiften med dess kod, t.ex. 24 Lapsiperheiden palvelut",
      en: "service task '{task}' is not a code of Sosiaalihuolto - Palvelutehtävä (1.2.246.537.6.1221.201601); notify the task by its code, e.g. 24 Lapsiperheiden palvelut",
    },
    sources: [
      {
        title: 'Kansallinen koodistopalvelu (Kela, Kanta-palvelut): Sosiaalihuolto - Palvelutehtävä',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/pages/classification-view-page.xhtml?classificationKey=704&versionKey=2563',
      },
      {
        title: 'Kanta: Käytön laajennus (service tasks notified for the Client Data Repository)',
        url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus',
      },
    ],
    basis: 'published',
    modules: REGISTRY,
  },
  {
    code: 'unknown-reference',
    channel: 'registry',
    severity: 'error',
    element: '{field}',
    messages: {
      fi: "{field} '{value}' ei ole rekisteröity; rekisteröi se ensin",
      sv: "{field} '{value}' är inte registrerad; registrera den först",
      en: "{field} '{value}' is not registered; register it first",
    },
    sources: [API, CODE_SERVER],
    basis: 'assumption',
    modules: REGISTRY,
  },
  {
    code: 'missing-parent',
    channel: 'registry',
    severity: 'error',
    element: '/partOf',
    messages: {
      fi: "{kind}-tiedon on nimettävä organisaatio, johon se kuuluu, kentässä 'partOf'",
      sv: "en {kind} ska ange organisationen den hör till i 'partOf'",
      en: "a {kind} must name the organisation it belongs to in 'partOf'",
    },
    sources: [CODE_SERVER, OID],
    basis: 'assumption',
    modules: REGISTRY,
  },
  {
    code: 'already-exists',
    channel: 'registry',
    severity: 'error',
    element: '{field}',
    messages: {
      fi: "{what} '{value}' on jo rekisteröity",
      sv: "{what} '{value}' är redan registrerad",
      en: "{what} '{value}' is already registered",
    },
    sources: [API],
    basis: 'assumption',
    modules: REGISTRY,
  },
  {
    code: 'pool-exhausted',
    channel: 'registry',
    severity: 'error',
    element: '/count',
    messages: {
      fi: 'testihenkilötunnuksia on jäljellä vain {left}; pyydä vähemmän tai lisää tunnuksia pyynnöllä POST /registry/test-persons',
      sv: 'bara {left} outdelade testpersonbeteckningar finns kvar; be om färre eller lägg till beteckningar med POST /registry/test-persons',
      en: 'only {left} unissued test identity codes are left in the pool; ask for fewer or add codes with POST /registry/test-persons',
    },
    sources: [API, ETIQUETTE],
    basis: 'assumption',
    modules: REGISTRY,
  },
  {
    code: 'not-found',
    channel: 'registry',
    severity: 'error',
    element: '{field}',
    messages: {
      fi: 'ei tietoa {what} {value}',
      sv: 'ingen {what} {value}',
      en: 'no {what} {value}',
    },
    sources: [HTTP_RFC],
    basis: 'published',
    modules: ['simulator/http/errors.ts', 'simulator/registry/service.ts', 'simulator/app.ts'],
  },
  {
    code: 'too-large',
    channel: 'registry',
    severity: 'error',
    element: '',
    messages: {
      fi: 'pyynnön sisältö on suurempi kuin palvelin hyväksyy',
      sv: 'begärans innehåll är större än servern tar emot',
      en: 'request body is larger than the server accepts',
    },
    sources: [HTTP_RFC],
    basis: 'published',
    modules: ['simulator/http/errors.ts'],
  },
  {
    code: 'unsupported-encoding',
    channel: 'registry',
    severity: 'error',
    element: '',
    messages: {
      fi: 'sisällön koodausta ei tueta: {problem}',
      sv: 'innehållets kodning stöds inte: {problem}',
      en: 'unsupported body encoding: {problem}',
    },
    sources: [HTTP_RFC],
    basis: 'published',
    modules: ['simulator/http/errors.ts'],
  },
  {
    code: 'incomplete-body',
    channel: 'registry',
    severity: 'error',
    element: '',
    messages: {
      fi: 'pyynnön sisältö päättyi ennen ilmoitettua pituutta',
      sv: 'begärans innehåll tog slut före den angivna längden',
      en: 'the request body ended before its declared length',
    },
    sources: [
      { title: 'IETF RFC 9110: HTTP Semantics', url: 'https://www.rfc-editor.org/rfc/rfc9110' },
      { title: 'kantasim: HTTP API (README, registry errors)', url: 'README.md' },
    ],
    basis: 'published',
    modules: ['simulator/http/errors.ts'],
  },
  {
    code: 'invalid-encoding',
    channel: 'registry',
    severity: 'error',
    element: '',
    messages: {
      fi: 'sisältö ei ole ilmoitetun Content-Encoding-koodauksen (gzip, deflate tai br) mukaista; pakkaa se ilmoitetulla tavalla tai lähetä pakkaamattomana ilman Content-Encoding-otsaketta',
      sv: 'innehållet är inte data i den angivna Content-Encoding (gzip, deflate eller br); komprimera det som angivet eller skicka det okomprimerat utan Content-Encoding',
      en: 'the body is not data of its declared Content-Encoding (gzip, deflate or br); compress it as declared, or send it uncompressed without Content-Encoding',
    },
    sources: [
      {
        title: 'IETF RFC 9110: HTTP Semantics, Content-Encoding',
        url: 'https://www.rfc-editor.org/rfc/rfc9110#name-content-encoding',
      },
      { title: 'kantasim: HTTP API (README, registry errors)', url: 'README.md' },
    ],
    basis: 'published',
    modules: ['simulator/http/errors.ts'],
  },
  {
    code: 'invalid-path',
    channel: 'registry',
    severity: 'error',
    element: '',
    messages: {
      fi: "URL-polussa on virheellinen prosenttikoodaus; kirjoita '%' muodossa %25 ja muut varatut merkit muodossa %XX",
      sv: "URL-sökvägen har felaktig procentkodning; skriv '%' som %25 och andra reserverade tecken som %XX",
      en: "the URL path has malformed percent-encoding; write '%' as %25 and other reserved characters as %XX",
    },
    sources: [
      {
        title: 'IETF RFC 3986: URI Generic Syntax, percent-encoding',
        url: 'https://www.rfc-editor.org/rfc/rfc3986#section-2.1',
      },
      { title: 'kantasim: HTTP API (README, registry errors)', url: 'README.md' },
    ],
    basis: 'published',
    modules: ['simulator/http/errors.ts'],
  },
  {
    code: 'bad-request',
    channel: 'registry',
    severity: 'error',
    element: '',
    messages: {
      fi: 'pyyntöä ei voitu lukea: {problem}',
      sv: 'begäran kunde inte läsas: {problem}',
      en: 'the request could not be read: {problem}',
    },
    sources: [
      { title: 'IETF RFC 9110: HTTP Semantics', url: 'https://www.rfc-editor.org/rfc/rfc9110' },
      { title: 'kantasim: HTTP API (README, registry errors)', url: 'README.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/http/errors.ts'],
  },
  {
    code: 'real-identity',
    channel: 'registry',
    severity: 'error',
    element: '{pointer}',
    messages: {
      fi: 'ajon tietueessa on todellisen henkilön henkilötunnus ({masked}); vain testialueen tunnuksia (yksilönumero 900–999) saa tallentaa: peitä se tai käytä Kelan myöntämää testitunnusta',
      sv: 'körningsposten innehåller en verklig persons personbeteckning ({masked}); bara testbeteckningar (individnummer 900–999) får sparas: maskera den eller använd en testbeteckning som FPA utfärdat',
      en: "the run record carries a real person's identity code ({masked}); only test-range codes (individual number 900–999) may be recorded: mask it or use a Kela-issued test code",
    },
    variants: [
      {
        fi: '{pointer} sisältää todellisen henkilön henkilötunnuksen ({masked}); rekistereihin tallennetaan vain testialueen tunnuksia (yksilönumero 900–999): poista se tai käytä Kelan myöntämää testitunnusta',
        sv: '{pointer} innehåller en verklig persons personbeteckning ({masked}); registren sparar bara testbeteckningar (individnummer 900–999): ta bort den eller använd en testbeteckning som FPA utfärdat',
        en: "{pointer} carries a real person's identity code ({masked}); the registries keep only test-range codes (individual number 900–999): remove it or use a Kela-issued test code",
      },
    ],
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'kantasim: HTTP API (README, registry errors)', url: 'README.md' },
    ],
    basis: 'published',
    modules: ['simulator/runs/routes.ts', 'simulator/registry/service.ts'],
  },
  {
    code: 'internal',
    channel: 'registry',
    severity: 'fatal',
    element: '',
    messages: {
      fi: 'sisäinen virhe; katso palvelimen loki',
      sv: 'internt fel; se serverloggen',
      en: 'internal error; see the server log',
    },
    sources: [API],
    basis: 'assumption',
    modules: ['simulator/http/errors.ts'],
  },
];
