/**
 * Catalogue entries for the codes of the FHIR channel. The FHIR R4 API: JSON and structure, REST interactions, search, R4 invariants, Finnish Scheduling content rules and the Kanta PTA appointment profiles.
 *
 * Data only: each entry is described in `types.ts`; `catalogue.ts` joins the channels and answers
 * look-ups. The message templates restate what the rule modules write, with named placeholders.
 */
import type { RuleEntry } from './types.ts';

export const FHIR_RULES: readonly RuleEntry[] = [
  {
    code: 'FHIR-BUNDLE-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Bundle.entry',
    messages: {
      fi: 'Bundle ei ole kelvollinen transaction- tai batch-kokonaisuus: {problem}',
      sv: 'Bundle är inte en giltig transaction eller batch: {problem}',
      en: 'the Bundle is not a valid transaction or batch: {problem}',
    },
    variants: [
      {
        fi: 'Bundle.entry-elementin on oltava taulukko',
        sv: 'Bundle.entry ska vara en array',
        en: 'Bundle.entry must be an array',
      },
      {
        fi: 'merkinnän {i} on oltava JSON-objekti',
        sv: 'post {i} ska vara ett JSON-objekt',
        en: 'entry {i} must be an object',
      },
      {
        fi: 'merkinnältä {i} puuttuu request { method, url }',
        sv: 'post {i} behöver request { method, url }',
        en: 'entry {i} needs request { method, url }',
      },
      {
        fi: 'merkintä {i}: request.method-arvon on oltava GET, POST, PUT tai DELETE',
        sv: 'post {i}: request.method ska vara GET, POST, PUT eller DELETE',
        en: 'entry {i}: request.method must be GET, POST, PUT or DELETE',
      },
      {
        fi: "merkintä {i}: request.url-arvon on oltava suhteellinen URL, kuten 'Patient' tai 'Slot/123'",
        sv: "post {i}: request.url ska vara en relativ URL som 'Patient' eller 'Slot/123'",
        en: "entry {i}: request.url must be a relative URL such as 'Patient' or 'Slot/123'",
      },
      {
        fi: "merkintä {i}: request.url ei ole kelvollinen suhteellinen URL; kirjoita '%' muodossa %25 ja muut varatut merkit muodossa %XX, äläkä aloita URL:ää merkeillä '//'",
        sv: "post {i}: request.url är inte en giltig relativ URL; skriv '%' som %25 och andra reserverade tecken som %XX, och börja inte URL:en med '//'",
        en: "entry {i}: request.url is not a well-formed relative URL; write '%' as %25 and other reserved characters as %XX, and do not start it with '//'",
      },
      {
        fi: 'merkintä {i}: request.{field}-arvon on oltava merkkijono',
        sv: 'post {i}: request.{field} ska vara en sträng',
        en: 'entry {i}: request.{field} must be a string',
      },
      {
        fi: 'merkintä {i}: fullUrl-arvon on oltava merkkijono',
        sv: 'post {i}: fullUrl ska vara en sträng',
        en: 'entry {i}: fullUrl must be a string',
      },
      {
        fi: 'merkintä {i}: resource-elementin on oltava JSON-objekti',
        sv: 'post {i}: resource ska vara ett JSON-objekt',
        en: 'entry {i}: resource must be a JSON object',
      },
    ],
    sources: [
      {
        title: 'HL7 FHIR R4: RESTful API, transaction',
        url: 'https://hl7.org/fhir/R4/http.html#transaction',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/bundle.ts'],
  },
  {
    code: 'FHIR-BUNDLE-002',
    channel: 'fhir',
    severity: 'error',
    element: 'Bundle.entry[{i}].request',
    messages: {
      fi: 'Bundle-resurssin entry ei voi lähettää (POST) toista Bundlea palvelun juureen',
      sv: 'en Bundle-entry kan inte skicka (POST) en annan Bundle till basadressen',
      en: 'a Bundle entry cannot POST another Bundle to the base',
    },
    sources: [
      {
        title: 'HL7 FHIR R4: RESTful API, transaction',
        url: 'https://hl7.org/fhir/R4/http.html#transaction',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/handlers/bundle.ts'],
  },
  {
    code: 'FHIR-BUNDLE-003',
    channel: 'fhir',
    severity: 'error',
    element: 'Bundle.type',
    messages: {
      fi: "lähetä palvelun juureen (POST) Bundle, jonka tyyppi on 'transaction' tai 'batch', ei '{type}'",
      sv: "skicka (POST) en Bundle av typen 'transaction' eller 'batch' till basadressen, inte '{type}'",
      en: "POST a Bundle of type 'transaction' or 'batch' to the base, not '{type}'",
    },
    sources: [
      {
        title: 'HL7 FHIR R4: RESTful API, transaction',
        url: 'https://hl7.org/fhir/R4/http.html#transaction',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/bundle.ts'],
  },
  {
    code: 'FHIR-COND-001',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'If-None-Exist vastaa {total} {type}-resurssia; rajaa ehdot niin, että ne valitsevat enintään yhden',
      sv: 'If-None-Exist matchar {total} {type}-resurser; avgränsa villkoren så att de väljer högst en',
      en: 'If-None-Exist matches {total} {type} resources; make the criteria select at most one',
    },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/handlers/crud.ts'],
  },
  {
    code: 'FHIR-DELETE-001',
    channel: 'fhir',
    severity: 'information',
    element: '',
    messages: {
      fi: '{type}/{id} poistettu',
      sv: '{type}/{id} raderad',
      en: '{type}/{id} deleted',
    },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/handlers/crud.ts'],
  },
  {
    code: 'FHIR-HDR-001',
    channel: 'fhir',
    severity: 'error',
    element: 'X-Request-Id',
    messages: {
      fi: 'pyynnöstä puuttuu X-Request-Id-otsake; Kanta edellyttää jokaiseen FHIR-pyyntöön yksilöllisen X-Request-Id-otsakkeen',
      sv: 'begäran saknar huvudet X-Request-Id; Kanta kräver ett unikt X-Request-Id i varje FHIR-begäran',
      en: 'the request has no X-Request-Id header; Kanta requires a unique X-Request-Id on every FHIR request',
    },
    variants: [
      {
        fi: 'lähetä X-Request-Id-otsake (pyyntökohtainen yksilöllinen tunniste, esim. UUID): Kannan FHIR HTTP -otsakemäärittely tekee siitä pakollisen',
        sv: 'skicka huvudet X-Request-Id (ett unikt id per begäran, t.ex. ett UUID): Kantas specifikation för FHIR HTTP-huvuden gör det obligatoriskt',
        en: 'send an X-Request-Id header (a unique id per request, e.g. a UUID): the Kanta FHIR HTTP header specification makes it mandatory',
      },
    ],
    sources: [
      {
        title: 'Kanta: Kanta FHIR HTTP header (common specifications)',
        url: 'https://www.kanta.fi/en/system-developers/common-specifications',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/router.ts', 'simulator/http/tls-auth.ts'],
  },
  {
    code: 'FHIR-HDR-002',
    channel: 'fhir',
    severity: 'warning',
    element: 'X-Request-Id',
    messages: {
      fi: 'pyynnöstä puuttuu X-Request-Id-otsake; Kanta edellyttää jokaiseen FHIR-pyyntöön yksilöllisen X-Request-Id-otsakkeen (pyyntö käsiteltiin, koska simulaattori ei vaadi otsaketta: requireRequestId pois päältä)',
      sv: 'begäran saknar huvudet X-Request-Id; Kanta kräver ett unikt X-Request-Id i varje FHIR-begäran (begäran behandlades eftersom simulatorn körs med requireRequestId av)',
      en: 'the request has no X-Request-Id header; Kanta requires a unique X-Request-Id on every FHIR request (served here because the simulator runs with requireRequestId off)',
    },
    sources: [
      {
        title: 'Kanta: Kanta FHIR HTTP header (common specifications)',
        url: 'https://www.kanta.fi/en/system-developers/common-specifications',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-HTTP-400',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: 'pyyntö on virheellinen: {problem} (virheellinen otsake, URL, tunniste tai sisältö)',
      sv: 'begäran är felaktig: {problem} (felaktigt huvud, URL, id eller innehåll)',
      en: 'the request itself is malformed: {problem} (a bad header, URL, id or body)',
    },
    variants: [
      {
        fi: 'If-Match-otsakkeen on oltava versio-ETag, kuten W/"3", ei \'{value}\'',
        sv: 'huvudet If-Match ska vara en versions-ETag som W/"3", inte \'{value}\'',
        en: 'If-Match must be a version ETag like W/"3", not \'{value}\'',
      },
      {
        fi: 'If-None-Exist-otsake on tyhjä; anna hakuparametrit, esim. identifier=system|value',
        sv: 'huvudet If-None-Exist är tomt; ange sökparametrar, t.ex. identifier=system|value',
        en: 'If-None-Exist is empty; give search parameters, e.g. identifier=system|value',
      },
      {
        fi: "resurssissa on oltava id '{id}' (sama kuin URL:ssa)",
        sv: "resursen ska ha id '{id}' (samma som i URL:en)",
        en: "the body must carry id '{id}' (the id in the URL)",
      },
      {
        fi: "resurssin id {bodyId} poikkeaa URL:n id:stä '{id}'; yhtenäistä ne",
        sv: "resursens id {bodyId} skiljer sig från URL:ens '{id}'; gör dem lika",
        en: "the body's id {bodyId} differs from the URL's '{id}'; make them equal",
      },
      {
        fi: "'{id}' ei ole FHIR-tunniste (1–64 merkkiä joukosta A–Z a–z 0–9 - .)",
        sv: "'{id}' är inte ett FHIR-id (1–64 tecken av A–Z a–z 0–9 - .)",
        en: "'{id}' is not a FHIR id (1–64 of A–Z a–z 0–9 - .)",
      },
      {
        fi: "X-Kantasim-Mode-otsakkeen arvon on oltava 'strict' tai 'rehearsal', ei '{value}'",
        sv: "huvudet X-Kantasim-Mode ska vara 'strict' eller 'rehearsal', inte '{value}'",
        en: "X-Kantasim-Mode must be 'strict' or 'rehearsal', not '{value}'",
      },
      {
        fi: "URL-polussa on virheellinen prosenttikoodaus; kirjoita '%' muodossa %25 ja muut varatut merkit muodossa %XX",
        sv: "URL-sökvägen har felaktig procentkodning; skriv '%' som %25 och andra reserverade tecken som %XX",
        en: "the URL path has malformed percent-encoding; write '%' as %25 and other reserved characters as %XX",
      },
      {
        fi: 'sisältö ei ole ilmoitetun Content-Encoding-koodauksen (gzip, deflate tai br) mukaista; pakkaa se ilmoitetulla tavalla tai lähetä pakkaamattomana ilman Content-Encoding-otsaketta',
        sv: 'innehållet är inte data i den angivna Content-Encoding (gzip, deflate eller br); komprimera det som angivet eller skicka det okomprimerat utan Content-Encoding',
        en: 'the body is not data of its declared Content-Encoding (gzip, deflate or br); compress it as declared, or send it uncompressed without Content-Encoding',
      },
      {
        fi: "Content-Encoding '{encoding}' ei ole tuettu; lähetä sisältö pakkaamattomana tai muodossa gzip, deflate tai br",
        sv: "Content-Encoding '{encoding}' stöds inte; skicka innehållet okomprimerat eller som gzip, deflate eller br",
        en: "Content-Encoding '{encoding}' is not supported; send the body uncompressed or as gzip, deflate or br",
      },
      {
        fi: 'pyynnön sisältö päättyi ennen ilmoitettua pituutta',
        sv: 'begärans innehåll tog slut före den angivna längden',
        en: 'the request body ended before its declared length',
      },
      {
        fi: 'pyynnön sisältöä ei voitu lukea: {problem}',
        sv: 'begärans innehåll kunde inte läsas: {problem}',
        en: 'the request body could not be read: {problem}',
      },
    ],
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: [
      'simulator/fhir/handlers/crud.ts',
      'simulator/fhir/router.ts',
      'simulator/fhir/write.ts',
      'simulator/domain/policy.ts',
      'simulator/http/errors.ts',
    ],
  },
  {
    code: 'FHIR-HTTP-404',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: '{type}/{id} ei löydy: {problem}',
      sv: '{type}/{id} finns inte: {problem}',
      en: '{type}/{id} is not here: {problem}',
    },
    variants: [
      {
        fi: 'resurssia {type}/{id} ei ole olemassa',
        sv: 'resursen {type}/{id} finns inte',
        en: '{type}/{id} does not exist',
      },
      {
        fi: "resurssin {type}/{id} versiota '{vid}' ei ole olemassa; versiot ovat 1, 2, 3…",
        sv: "version '{vid}' av resursen {type}/{id} finns inte; versionerna är 1, 2, 3…",
        en: "version '{vid}' of {type}/{id} does not exist; versions are 1, 2, 3…",
      },
      {
        fi: 'resurssilla {type}/{id} ei ole versiota {vid}',
        sv: 'resursen {type}/{id} har ingen version {vid}',
        en: '{type}/{id} has no version {vid}',
      },
      {
        fi: 'resurssia {type}/{id} ei ole olemassa; tallenna sen sijaan uusi ajanvaraus transaktiolla',
        sv: 'resursen {type}/{id} finns inte; spara i stället en ny bokning med en transaktion',
        en: '{type}/{id} does not exist; store a new appointment with a transaction instead',
      },
      {
        fi: 'resurssia {type}/{id} ei ole enää olemassa (mitätöity); tallenna sen sijaan uusi ajanvaraus transaktiolla',
        sv: 'resursen {type}/{id} finns inte längre (makulerad); spara i stället en ny bokning med en transaktion',
        en: '{type}/{id} does not exist any more (nullified); store a new appointment with a transaction instead',
      },
      {
        fi: 'ajanvarausta Appointment/{id} ei ole olemassa; tallenna se ensin (POST Appointment transaktiossa)',
        sv: 'bokningen Appointment/{id} finns inte; spara den först (POST Appointment i transaktionen)',
        en: 'Appointment/{id} does not exist; store it first (POST Appointment in the transaction)',
      },
      {
        fi: 'tässä rajapinnassa ei ole toimintoa {method} {url}; katso /fhir/metadata',
        sv: 'det finns ingen interaktion {method} {url} i denna slutpunkt; se /fhir/metadata',
        en: 'no interaction {method} {url} in this endpoint; see /fhir/metadata',
      },
      {
        fi: 'tämä rajapinta ei käsittele resurssityyppiä {type}; katso tuetut tyypit osoitteesta /fhir/metadata',
        sv: 'denna slutpunkt hanterar inte {type}; se /fhir/metadata för vad den hanterar',
        en: 'this endpoint does not serve {type}; see /fhir/metadata for what it serves',
      },
      {
        fi: 'pyynnölle {method} /fhir/{path} ei ole FHIR-toimintoa; katso /fhir/metadata',
        sv: 'det finns ingen FHIR-interaktion för {method} /fhir/{path}; se /fhir/metadata',
        en: 'no FHIR interaction at {method} /fhir/{path}; see /fhir/metadata',
      },
      {
        fi: 'tämä sivutuslinkki on vanhentunut tai palvelin on käynnistetty uudelleen; toista POST-haku saadaksesi uudet linkit',
        sv: 'denna sidlänk har gått ut eller så har servern startats om; upprepa POST-sökningen för att få nya länkar',
        en: 'this paging link has expired or the server restarted; repeat the POST search to get fresh links',
      },
    ],
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: [
      'simulator/fhir/outcomes.ts',
      'simulator/fhir/router.ts',
      'simulator/fhir/handlers/crud.ts',
      'simulator/fhir/handlers/query.ts',
      'simulator/fhir/appointments/service.ts',
    ],
  },
  {
    code: 'FHIR-HTTP-405',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: '{method} ei ole sallittu osoitteessa {path}; katso /fhir/metadata',
      sv: '{method} är inte tillåten för {path}; se /fhir/metadata',
      en: '{method} is not allowed on {path}; see /fhir/metadata',
    },
    variants: [
      {
        fi: '{method} ei ole sallittu osoitteessa {path}; sallitut: {allowed}',
        sv: '{method} är inte tillåten för {path}; tillåtna: {allowed}',
        en: '{method} is not allowed on {path}; allowed: {allowed}',
      },
      {
        fi: 'ajanvarauksia ei poisteta suoraan: mitätöi ajanvaraus transaction-Bundlella, jossa on uusi Provenance ja DELETE Appointment/<id> (POST /fhir)',
        sv: 'bokningar raderas inte direkt: makulera bokningen med en transaktions-Bundle med en ny Provenance och DELETE Appointment/<id> (POST /fhir)',
        en: 'appointments are not deleted directly: nullify with a transaction Bundle of a new Provenance and DELETE Appointment/<id> (POST /fhir)',
      },
    ],
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts', 'simulator/fhir/router.ts', 'simulator/fhir/routes.ts'],
  },
  {
    code: 'FHIR-HTTP-406',
    channel: 'fhir',
    severity: 'error',
    element: '_format',
    messages: {
      fi: "palvelu vastaa vain JSON-muodossa; käytä _format=json tai Accept: application/fhir+json, ei '{format}'",
      sv: "tjänsten svarar bara i JSON; använd _format=json eller Accept: application/fhir+json, inte '{format}'",
      en: "only JSON is served; use _format=json or Accept: application/fhir+json, not '{format}'",
    },
    variants: [
      {
        fi: "tämä rajapinta vastaa vain muodossa application/fhir+json; Accept-otsakkeen arvoa '{accept}' ei voida täyttää",
        sv: "denna slutpunkt svarar bara med application/fhir+json; Accept '{accept}' kan inte uppfyllas",
        en: "this endpoint answers in application/fhir+json only; Accept '{accept}' cannot be met",
      },
    ],
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts', 'simulator/fhir/router.ts', 'simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-HTTP-410',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: '{type}/{id} on poistettu',
      sv: '{type}/{id} har raderats',
      en: '{type}/{id} was deleted',
    },
    variants: [
      {
        fi: 'resurssi {type}/{id} on poistettu (versio {version}); sen historia on edelleen osoitteessa /{type}/{id}/_history',
        sv: 'resursen {type}/{id} har raderats (version {version}); dess historik finns kvar på /{type}/{id}/_history',
        en: '{type}/{id} was deleted (version {version}); its history remains at /{type}/{id}/_history',
      },
      {
        fi: 'resurssin {type}/{id} versio {vid} on sen poistomerkintä',
        sv: 'version {vid} av resursen {type}/{id} är dess radering',
        en: 'version {vid} of {type}/{id} is its deletion',
      },
      {
        fi: 'ajanvaraus Appointment/{id} on mitätöity; mitätöityä ajanvarausta ei voi mitätöidä uudelleen',
        sv: 'bokningen Appointment/{id} har makulerats; en makulerad bokning kan inte makuleras igen',
        en: 'Appointment/{id} has been nullified; a nullified appointment cannot be nullified again',
      },
      {
        fi: 'ajanvaraus Appointment/{id} on mitätöity; mitätöityä ajanvarausta ei voi korvata',
        sv: 'bokningen Appointment/{id} har makulerats; en makulerad bokning kan inte ersättas',
        en: 'Appointment/{id} has been nullified; a nullified appointment cannot be replaced',
      },
      {
        fi: 'ajanvaraus Appointment/{id} on jo mitätöity',
        sv: 'bokningen Appointment/{id} har redan makulerats',
        en: 'Appointment/{id} has been nullified already',
      },
    ],
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: [
      'simulator/fhir/outcomes.ts',
      'simulator/fhir/handlers/crud.ts',
      'simulator/fhir/appointments/service.ts',
    ],
  },
  {
    code: 'FHIR-HTTP-413',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'sisältö on suurempi kuin palvelin hyväksyy ({limit})',
      sv: 'innehållet är större än servern tar emot ({limit})',
      en: 'the body is larger than the server accepts ({limit})',
    },
    variants: [
      {
        fi: 'pyynnön sisältö on suurempi kuin {max} tavua; lähetä pienempi sisältö',
        sv: 'begärans innehåll är större än {max} byte; skicka ett mindre innehåll',
        en: 'the body is larger than {max} bytes; send a smaller one',
      },
    ],
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts', 'simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-HTTP-415',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: "lähetä sisältö muodossa application/fhir+json (tai application/json), ei '{contentType}'",
      sv: "skicka innehållet som application/fhir+json (eller application/json), inte '{contentType}'",
      en: "send the body as application/fhir+json (or application/json), not '{contentType}'",
    },
    variants: [
      {
        fi: 'lähetä FHIR JSON -sisältö Content-Type-otsakkeella application/fhir+json, ei {type} (XML-muotoa ei tueta)',
        sv: 'skicka FHIR JSON med Content-Type application/fhir+json, inte {type} (XML stöds inte)',
        en: 'send FHIR JSON with Content-Type application/fhir+json, not {type} (XML is not served)',
      },
      {
        fi: 'lähetä FHIR JSON -sisältö Content-Type-otsakkeella application/fhir+json (XML-muotoa ei tueta)',
        sv: 'skicka FHIR JSON med Content-Type application/fhir+json (XML stöds inte)',
        en: 'send FHIR JSON with Content-Type application/fhir+json (XML is not served)',
      },
      {
        fi: 'lähetä hakuparametrit lomakkeena: Content-Type application/x-www-form-urlencoded, ei {type}',
        sv: 'skicka sökparametrarna som ett formulär: Content-Type application/x-www-form-urlencoded, inte {type}',
        en: 'send the search parameters as a form: Content-Type application/x-www-form-urlencoded, not {type}',
      },
      {
        fi: 'lähetä hakuparametrit lomakkeena: Content-Type application/x-www-form-urlencoded',
        sv: 'skicka sökparametrarna som ett formulär: Content-Type application/x-www-form-urlencoded',
        en: 'send the search parameters as a form: Content-Type application/x-www-form-urlencoded',
      },
    ],
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/outcomes.ts', 'simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-HTTP-500',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'simulaattorissa tapahtui odottamaton virhe; pyyntöä ei toteutettu',
      sv: 'ett oväntat fel inträffade i simulatorn; begäran genomfördes inte',
      en: 'the simulator failed unexpectedly; the request was not applied',
    },
    sources: [{ title: 'kantasim: fhir.md', url: 'docs/fhir.md' }],
    basis: 'assumption',
    modules: ['simulator/fhir/outcomes.ts'],
  },
  {
    code: 'FHIR-JSON-000',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'pyyntö tarvitsee JSON-sisällön (FHIR-resurssin)',
      sv: 'begäran behöver ett JSON-innehåll (en FHIR-resurs)',
      en: 'the request needs a JSON body (a FHIR resource)',
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-JSON-001',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'sisältö ei ole kelvollista JSONia: {err}; korjaa syntaksi',
      sv: 'innehållet är inte giltig JSON: {err}; rätta syntaxen',
      en: 'the body is not valid JSON: {err}; fix the syntax',
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-JSON-002',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'sisällön on oltava JSON-objekti (FHIR-resurssi), ei taulukko tai yksittäinen arvo',
      sv: 'innehållet ska vara ett JSON-objekt (en FHIR-resurs), inte en array eller ett enskilt värde',
      en: 'the body must be a JSON object (a FHIR resource), not an array or a value',
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-003',
    channel: 'fhir',
    severity: 'error',
    element: 'resourceType',
    messages: {
      fi: "resurssilla on oltava merkkijono 'resourceType'",
      sv: "resursen ska ha strängen 'resourceType'",
      en: "the resource must have a 'resourceType' string",
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-004',
    channel: 'fhir',
    severity: 'error',
    element: 'resourceType',
    messages: {
      fi: "'{rt}' ei ole FHIR R4 -resurssityyppi; tarkista kirjoitusasu",
      sv: "'{rt}' är inte en resurstyp i FHIR R4; kontrollera stavningen",
      en: "'{rt}' is not a FHIR R4 resource type; check the spelling",
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-005',
    channel: 'fhir',
    severity: 'error',
    element: 'resourceType',
    messages: {
      fi: 'URL nimeää tyypin {expectedType}, mutta sisältö on {rt}; lähetä se osoitteeseen /fhir/{rt} tai korjaa sisältö',
      sv: 'URL:en anger {expectedType} men innehållet är {rt}; skicka det till /fhir/{rt} eller ändra innehållet',
      en: 'the URL names {expectedType} but the body is a {rt}; send it to /fhir/{rt} or change the body',
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-006',
    channel: 'fhir',
    severity: 'error',
    element: 'resourceType',
    messages: {
      fi: 'tämä rajapinta ei palvele resurssia {rt}; katso /fhir/metadata',
      sv: 'den här slutpunkten hanterar inte {rt}; se /fhir/metadata',
      en: 'this endpoint does not serve {rt}; see /fhir/metadata',
    },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-007',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'JSON on sisäkkäin syvemmällä kuin {maxDepth} tasoa; mikään FHIR-resurssi ei tarvitse sitä',
      sv: 'JSON är nästlad djupare än {maxDepth} nivåer; ingen FHIR-resurs behöver det',
      en: 'the JSON is nested deeper than {maxDepth} levels; no FHIR resource needs that',
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-JSON-008',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: "{nullAt} on null; FHIR JSONissa ei ole null-arvoja (jätä elementti pois), paitsi primitiivitaulukoissa, jotka vastaavat '_'-laajennustaulukkoaan",
      sv: "{nullAt} är null; FHIR JSON har inga null-värden (utelämna elementet), utom i primitiva arrayer som motsvarar sin '_'-tilläggsarray",
      en: "{nullAt} is null; FHIR JSON has no nulls (leave the element out), except in primitive arrays aligned with their '_' extension array",
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-JSON-009',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'sisältö ei ole UTF-8:aa: siirtymän {offset} tavu ei ole; FHIR JSON on aina UTF-8:aa, joten koodaa sisältö uudelleen',
      sv: 'innehållet är inte UTF-8: byten vid position {offset} är det inte; FHIR JSON är alltid UTF-8, så koda om innehållet',
      en: 'the body is not UTF-8: the byte at offset {offset} is not; FHIR JSON is always UTF-8, so re-encode the body',
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-LIMIT-001',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'sisällössä on yli {max} JSON-arvoa (elementtejä, taulukon alkioita ja primitiivejä); mikään FHIR-resurssi ei tarvitse niin montaa, joten lähetä vähemmän',
      sv: 'innehållet har fler än {max} JSON-värden (element, arrayposter och primitiver); ingen FHIR-resurs behöver så många, så skicka mindre',
      en: 'the body has more than {max} JSON values (elements, array items and primitives); no FHIR resource needs that many, so send less',
    },
    sources: [
      { title: 'kantasim: fhir.md, Limits', url: 'docs/fhir.md#limits' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/router.ts'],
  },
  {
    code: 'FHIR-LIMIT-002',
    channel: 'fhir',
    severity: 'error',
    element: '{parameter}',
    messages: {
      fi: "parametrissa '{parameter}' on {count} pilkulla erotettua arvoa; yhdessä parametrissa hyväksytään enintään {max}, joten jaa haku",
      sv: "parametern '{parameter}' har {count} kommaseparerade värden; högst {max} tas emot i en parameter, så dela upp sökningen",
      en: "parameter '{parameter}' has {count} comma-separated values; at most {max} are accepted in one parameter, so split the search",
    },
    sources: [
      { title: 'kantasim: fhir.md, Limits', url: 'docs/fhir.md#limits' },
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-LIMIT-003',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'haussa on {count} parametria; enintään {max} hyväksytään (toistot mukaan lukien), joten rajaa hakua',
      sv: 'sökningen har {count} parametrar; högst {max} tas emot (upprepningar medräknade), så avgränsa den',
      en: 'the search has {count} parameters; at most {max} are accepted (repetitions counted), so narrow it down',
    },
    sources: [
      { title: 'kantasim: fhir.md, Limits', url: 'docs/fhir.md#limits' },
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-001',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "resurssilla {type} ei ole hakuparametria '{param}'; tuetut: {supported}",
      sv: "{type} har ingen sökparameter '{param}'; som stöds: {supported}",
      en: "{type} has no search parameter '{param}'; supported: {supported}",
    },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-002',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "tarkenninta ':{modifier}' ei tueta {kind}-parametrissa '{param}'",
      sv: "modifieraren ':{modifier}' stöds inte för {kind}-parametern '{param}'",
      en: "modifier ':{modifier}' is not supported on {kind} parameter '{param}'",
    },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-003',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "{name} on oltava kokonaisluku, ei '{value}'",
      sv: "{name} ska vara ett heltal, inte '{value}'",
      en: "{name} must be a whole number, not '{value}'",
    },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: [
      'simulator/fhir/handlers/kanta-query.ts',
      'simulator/fhir/handlers/query.ts',
      'simulator/fhir/search.ts',
    ],
  },
  {
    code: 'FHIR-SEARCH-004',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "{param}: anna koodi '|'-merkin jälkeen ('system|code'); koko koodiston hakua ei tueta",
      sv: "{param}: ange en kod efter '|' ('system|code'); sökning på ett helt kodsystem stöds inte",
      en: "{param}: give a code after '|' ('system|code'); searching a whole system is not supported",
    },
    sources: [
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-005',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "_since '{value}' ei ole FHIR instant -aika (esim. 2026-10-01T00:00:00Z)",
      sv: "_since '{value}' är inte en FHIR instant (t.ex. 2026-10-01T00:00:00Z)",
      en: "_since '{value}' is not a FHIR instant (e.g. 2026-10-01T00:00:00Z)",
    },
    variants: [
      {
        fi: "_lastUpdated '{value}' ei ole FHIR-päivämäärä (esim. ge2026-10-01)",
        sv: "_lastUpdated '{value}' är inte ett FHIR-datum (t.ex. ge2026-10-01)",
        en: "_lastUpdated '{value}' is not a FHIR date (e.g. ge2026-10-01)",
      },
      {
        fi: "'{value}' ei ole kelvollinen FHIR-päivämäärä parametrille '{name}' (esim. ge2026-10-01 tai 2026-10-01T08:00:00Z)",
        sv: "'{value}' är inte ett FHIR-datum för '{name}' (t.ex. ge2026-10-01 eller 2026-10-01T08:00:00Z)",
        en: "'{value}' is not a FHIR date for '{name}' (e.g. ge2026-10-01 or 2026-10-01T08:00:00Z)",
      },
    ],
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/handlers/query.ts', 'simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-006',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "parametrilla '{name}' ei ole arvoa",
      sv: "parametern '{name}' har inget värde",
      en: "parameter '{name}' has no value",
    },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-007',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "'{name}={v}': kerro tyyppi, esim. '{name}={Type}/{v}'",
      sv: "'{name}={v}': ange typen, t.ex. '{name}={Type}/{v}'",
      en: "'{name}={v}': say which type, e.g. '{name}={Type}/{v}'",
    },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-008',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "päivämääräparametri '{name}' ottaa yhden arvon; toista parametri aikavälille",
      sv: "datumparametern '{name}' tar ett värde; upprepa parametern för ett intervall",
      en: "date parameter '{name}' takes one value; repeat the parameter for a range",
    },
    sources: [
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-009',
    channel: 'fhir',
    severity: 'error',
    element: '_sort',
    messages: {
      fi: "_sort kentällä '{param}' ei ole tuettu; lajittele kentillä _lastUpdated, _id{dates}",
      sv: "_sort på '{param}' stöds inte; sortera på _lastUpdated, _id{dates}",
      en: "_sort on '{param}' is not supported; sort on _lastUpdated, _id{dates}",
    },
    sources: [
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-010',
    channel: 'fhir',
    severity: 'error',
    element: '_include',
    messages: {
      fi: "_include '{raw}' on oltava muotoa '{type}:<viittausparametri>'",
      sv: "_include '{raw}' ska ha formen '{type}:<referensparameter>'",
      en: "_include '{raw}' must be '{type}:<reference parameter>'",
    },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-011',
    channel: 'fhir',
    severity: 'error',
    element: '_include',
    messages: {
      fi: "_include '{raw}': '{name}' ei ole resurssin {type} viittausparametri",
      sv: "_include '{raw}': '{name}' är inte en referensparameter för {type}",
      en: "_include '{raw}': '{name}' is not a reference parameter of {type}",
    },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-012',
    channel: 'fhir',
    severity: 'error',
    element: '_include',
    messages: {
      fi: "_include '{raw}': {type}.{name} ei viittaa resurssiin {target}",
      sv: "_include '{raw}': {type}.{name} refererar inte till {target}",
      en: "_include '{raw}': {type}.{name} does not refer to {target}",
    },
    sources: [{ title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-013',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "historiahaku ottaa parametrit _count, _offset ja _since, ei '{name}'",
      sv: "historiken tar _count, _offset och _since, inte '{name}'",
      en: "history takes _count, _offset and _since, not '{name}'",
    },
    variants: [
      {
        fi: "tulosparametria '{name}' ei tueta; tuetut: _count, _offset, _sort, _include, _id, _lastUpdated",
        sv: "resultatparametern '{name}' stöds inte; som stöds: _count, _offset, _sort, _include, _id, _lastUpdated",
        en: "result parameter '{name}' is not supported; supported: _count, _offset, _sort, _include, _id, _lastUpdated",
      },
    ],
    sources: [
      { title: 'HL7 FHIR R4: Search', url: 'https://hl7.org/fhir/R4/search.html' },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/handlers/query.ts', 'simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-SEARCH-014',
    channel: 'fhir',
    severity: 'error',
    element: '_total',
    messages: {
      fi: "_total on none, estimate tai accurate, ei '{value}'",
      sv: "_total ska vara none, estimate eller accurate, inte '{value}'",
      en: "_total must be none, estimate or accurate, not '{value}'",
    },
    sources: [{ title: 'HL7 FHIR R4: Search, _total', url: 'https://hl7.org/fhir/R4/search.html#total' }],
    basis: 'published',
    modules: ['simulator/fhir/search.ts'],
  },
  {
    code: 'FHIR-STRUCT-001',
    channel: 'fhir',
    severity: 'error',
    element: '{element}.{name}',
    messages: {
      fi: "'{name}' ei ole FHIR R4:ssä elementin {element} osa; poista se tai tarkista kirjoitusasu (laajennukset kuuluvat kenttään 'extension')",
      sv: "'{name}' är inte ett element i {element} i FHIR R4; ta bort det eller kontrollera stavningen (tillägg hör till 'extension')",
      en: "'{name}' is not an element of {element} in FHIR R4; remove it or check its spelling (extensions go in 'extension')",
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-002',
    channel: 'fhir',
    severity: 'error',
    element: '{element}.{missingProperty}',
    messages: {
      fi: "elementillä {element} on oltava '{missingProperty}' (pakollinen FHIR R4:ssä)",
      sv: "{element} ska ha '{missingProperty}' (obligatoriskt i FHIR R4)",
      en: "{element} must have '{missingProperty}' (required in FHIR R4)",
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-003',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: 'elementin {element} on oltava JSON-tyyppiä {type} FHIR R4:ssä',
      sv: '{element} ska vara av JSON-typen {type} i FHIR R4',
      en: '{element} must be a JSON {type} in FHIR R4',
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-004',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: 'elementin {element} on oltava jokin arvoista {values}',
      sv: '{element} ska vara ett av {values}',
      en: '{element} must be one of {values}',
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-005',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: 'elementti {element} ei ole FHIR-tietotyyppinsä muodossa (malli {pattern}); korjaa arvo',
      sv: '{element} har inte formatet för sin FHIR-datatyp (mönster {pattern}); rätta värdet',
      en: '{element} does not have the format of its FHIR data type (pattern {pattern}); correct the value',
    },
    variants: [
      {
        fi: "elementin {element} arvo '{value}' ei ole kalenterin päivä ({yearMonth} on {days} päivää); korjaa arvo",
        sv: "{element} '{value}' är ingen dag i kalendern ({yearMonth} har {days} dagar); rätta värdet",
        en: "{element} '{value}' is not a day of the calendar ({yearMonth} has {days} days); correct the value",
      },
    ],
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
      {
        title: 'HL7 FHIR R4: Data types, date, dateTime and instant (values SHALL be valid dates)',
        url: 'https://hl7.org/fhir/R4/datatypes.html#date',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts', 'simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'FHIR-STRUCT-006',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: "elementin {element} on oltava '{allowedValue}'",
      sv: "{element} ska vara '{allowedValue}'",
      en: "{element} must be '{allowedValue}'",
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-007',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: '{element} ei saa olla tyhjä taulukko; jätä elementti mieluummin pois',
      sv: '{element} får inte vara en tom array; utelämna elementet i stället',
      en: '{element} must not be an empty array; leave the element out instead',
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
    untestable: 'the R4 JSON Schema declares no minItems; the code is kept for a schema that does',
  },
  {
    code: 'FHIR-STRUCT-010',
    channel: 'fhir',
    severity: 'error',
    element: '{type}.contained[{contained}]',
    messages: {
      fi: 'sisällytetty resurssi {contained} ei ole kelvollinen R4-resurssi; validoi se erikseen $validate-operaatiolla nähdäksesi syyn',
      sv: 'den inneslutna resursen {contained} är inte en giltig R4-resurs; validera den separat med $validate för att se varför',
      en: 'contained resource {contained} is not a valid R4 resource; validate it on its own with $validate to see why',
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
  },
  {
    code: 'FHIR-STRUCT-099',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: '{element} {problem} (muu FHIR R4:n JSON Schema -sääntö)',
      sv: '{element} {problem} (en annan JSON Schema-regel i FHIR R4)',
      en: '{element} {problem} (another JSON Schema rule of FHIR R4)',
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON Schema (fhir.schema.json)', url: 'https://hl7.org/fhir/R4/downloads.html' },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/structure.ts'],
    untestable:
      'a fallback for JSON Schema keywords the R4 schema does not use; every keyword it uses has its own code',
  },
  {
    code: 'FHIR-VALIDATE-001',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: "anna resurssi pyynnön sisältönä tai Parameters-resurssin 'resource'-parametrina",
      sv: "ange resursen som innehåll eller som parametern 'resource' i en Parameters-resurs",
      en: "give the resource as the body, or as the 'resource' parameter of a Parameters body",
    },
    sources: [
      {
        title: 'HL7 FHIR R4: Resource $validate',
        url: 'https://hl7.org/fhir/R4/resource-operation-validate.html',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/validate.ts'],
  },
  {
    code: 'FHIR-VERSION-001',
    channel: 'fhir',
    severity: 'error',
    element: 'If-Match',
    messages: {
      fi: 'If-Match ilmoittaa version {expected}, mutta {type}/{id} on versiossa {none}; lue nykyinen versio, tee muutoksesi siihen ja lähetä se otsakkeella If-Match: W/"{current}"',
      sv: 'If-Match anger version {expected} men {type}/{id} är i version {none}; läs den aktuella versionen, gör din ändring i den och skicka den med If-Match: W/"{current}"',
      en: 'If-Match says version {expected} but {type}/{id} is at version {none}; read the current version, apply your change to it and send it with If-Match: W/"{current}"',
    },
    sources: [{ title: 'HL7 FHIR R4: RESTful API', url: 'https://hl7.org/fhir/R4/http.html' }],
    basis: 'published',
    modules: ['simulator/fhir/handlers/crud.ts'],
  },
  {
    code: 'R4-INV-<key>',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: '{key}: {requirement}; {change}',
      sv: '{key}: {requirement}; {change}',
      en: '{key}: {requirement}; {change}',
    },
    variants: [{ fi: '{key}: {requirement}', sv: '{key}: {requirement}', en: '{key}: {requirement}' }],
    sources: [
      { title: 'HL7 FHIR R4 Appointment, invariants', url: 'https://hl7.org/fhir/R4/appointment.html#invs' },
      {
        title: 'HL7 FHIR R4 Data Types, Period (per-1)',
        url: 'https://hl7.org/fhir/R4/datatypes.html#Period',
      },
      { title: 'HL7 FHIR R4 Organization (org-1)', url: 'https://hl7.org/fhir/R4/organization.html#invs' },
      { title: 'HL7 FHIR R4 Patient (pat-1)', url: 'https://hl7.org/fhir/R4/patient.html#invs' },
      {
        title: 'HL7 FHIR R4 DomainResource (dom-2, dom-4)',
        url: 'https://hl7.org/fhir/R4/domainresource.html#invs',
      },
      { title: 'HL7 FHIR R4 Extensibility (ext-1)', url: 'https://hl7.org/fhir/R4/extensibility.html' },
      { title: 'HL7 FHIR R4 Narrative (txt-1, txt-2)', url: 'https://hl7.org/fhir/R4/narrative.html#invs' },
      { title: 'HL7 FHIR R4 References (ref-1)', url: 'https://hl7.org/fhir/R4/references.html#contained' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/invariants.ts', 'simulator/fhir/validation/narrative.ts'],
    keys: [
      'app-1',
      'app-2',
      'app-3',
      'app-4',
      'dom-2',
      'dom-4',
      'ext-1',
      'org-1',
      'pat-1',
      'per-1',
      'ref-1',
      'txt-1',
      'txt-2',
    ],
  },
  {
    code: 'R5-INV-app-5',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment',
    messages: {
      fi: 'ajanvaraus päättyy ennen kuin se alkaa; korjaa alku- tai loppuaika',
      sv: 'bokningen slutar innan den börjar; rätta start- eller sluttiden',
      en: 'the appointment ends before it starts; correct start or end',
    },
    variants: [
      {
        fi: 'app-5: ajanvaraus päättyy ennen kuin se alkaa; korjaa alku- tai loppuaika',
        sv: 'app-5: bokningen slutar innan den börjar; rätta start- eller sluttiden',
        en: 'app-5: the appointment ends before it starts; correct start or end',
      },
    ],
    sources: [
      {
        title: 'HL7 FHIR R5 Appointment, invariant app-5',
        url: 'https://hl7.org/fhir/R5/appointment.html#invs',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/invariants.ts'],
  },
  {
    code: 'R4-BIND-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: "{path} '{value}' ei kuulu arvojoukkoon {valueSet}, jota FHIR R4 edellyttää elementille {type}.{element}",
      sv: "{path} '{value}' ingår inte i värdemängden {valueSet}, som FHIR R4 kräver för {type}.{element}",
      en: "{path} '{value}' is not in the value set {valueSet}, which FHIR R4 requires for {type}.{element}",
    },
    sources: [
      {
        title: 'HL7 FHIR R4: Using codes, required bindings',
        url: 'https://hl7.org/fhir/R4/terminologies.html#required',
      },
      {
        title: 'HL7 FHIR R4: ElementDefinition (cardinality, types, bindings)',
        url: 'https://hl7.org/fhir/R4/elementdefinition.html',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-CARD-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: '{path} puuttuu; FHIR R4:n {type}.{element} on pakollinen (min {min})',
      sv: '{path} saknas; {type}.{element} är obligatoriskt i FHIR R4 (min {min})',
      en: '{path} is missing; FHIR R4 {type}.{element} is required (min {min})',
    },
    sources: [
      {
        title: 'HL7 FHIR R4: ElementDefinition (cardinality, types, bindings)',
        url: 'https://hl7.org/fhir/R4/elementdefinition.html',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-CARD-002',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: 'elementillä {path} on {count} toistoa; FHIR R4:n {type}.{element} sallii enintään {max}',
      sv: '{path} har {count} upprepningar; {type}.{element} i FHIR R4 tillåter högst {max}',
      en: '{path} has {count} repetitions; FHIR R4 {type}.{element} allows at most {max}',
    },
    sources: [
      {
        title: 'HL7 FHIR R4: ElementDefinition (cardinality, types, bindings)',
        url: 'https://hl7.org/fhir/R4/elementdefinition.html',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
    untestable:
      'no element of the R4 types kantasim serves has a maximum other than 1 or * (a repeated max-1 element is a schema error, FHIR-STRUCT-*); the check stands for tables that add one',
  },
  {
    code: 'R4-CHOICE-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: '{path}[x] on annettu kahdesti ({first} ja {second}); valintaelementti ottaa täsmälleen yhden tyypin',
      sv: '{path}[x] anges två gånger ({first} och {second}); ett valelement tar exakt en typ',
      en: '{path}[x] is given twice ({first} and {second}); a choice element takes exactly one type',
    },
    sources: [
      {
        title: 'HL7 FHIR R4: Formats, choice of data types',
        url: 'https://hl7.org/fhir/R4/formats.html#choice',
      },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-EXT-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}.url',
    messages: {
      fi: "elementillä {path} ei ole 'url'-kenttää; jokaisen laajennuksen on kerrottava, mikä laajennus se on (sen kanoninen url)",
      sv: "{path} har ingen 'url'; varje tillägg ska ange vilket tillägg det är (dess kanoniska url)",
      en: "{path} has no 'url'; every extension must say which extension it is (its canonical url)",
    },
    sources: [{ title: 'HL7 FHIR R4: Extensibility', url: 'https://hl7.org/fhir/R4/extensibility.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-JSON-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: '{path} esiintyy kahdesti samassa objektissa; JSON-jäsentimet säilyttävät vain toisen, joten lähetä kukin elementti kerran',
      sv: '{path} förekommer två gånger i samma objekt; JSON-tolkar behåller bara det ena, så skicka varje element en gång',
      en: '{path} appears twice in the same object; JSON parsers keep only one of them, so send each element once',
    },
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-json.ts'],
  },
  {
    code: 'R4-JSON-002',
    channel: 'fhir',
    severity: 'error',
    element: '{path}.id',
    messages: {
      fi: "{path}.id '{value}' ei ole kelvollinen elementin tunniste (1–64 kirjainta, numeroa, '-' tai '.')",
      sv: "{path}.id '{value}' är inte ett giltigt element-id (1–64 bokstäver, siffror, '-' eller '.')",
      en: "{path}.id '{value}' is not a valid element id (1–64 letters, digits, '-' or '.')",
    },
    sources: [
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
      { title: 'HL7 FHIR R4: Data types, id', url: 'https://hl7.org/fhir/R4/datatypes.html#id' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-JSON-003',
    channel: 'fhir',
    severity: 'error',
    element: '{path}.contained[{i}].id',
    messages: {
      fi: "{path}.contained[{i}].id '{id}' on jo toisen sisällytetyn resurssin tunniste; anna kullekin sisällytetylle resurssille oma tunniste",
      sv: "{path}.contained[{i}].id '{id}' är redan id för en annan innesluten resurs; ge varje innesluten resurs ett eget id",
      en: "{path}.contained[{i}].id '{id}' is already the id of another contained resource; give each contained resource its own id",
    },
    sources: [
      {
        title: 'HL7 FHIR R4: References, contained resources',
        url: 'https://hl7.org/fhir/R4/references.html#contained',
      },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'R4-JSON-004',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: '{path} on tyhjä merkkijono; FHIR JSONissa ei ole tyhjiä arvoja, jätä elementti pois',
      sv: '{path} är en tom sträng; FHIR JSON har inga tomma värden, utelämna elementet i stället',
      en: '{path} is an empty string; FHIR JSON has no empty values, leave the element out instead',
    },
    variants: [
      {
        fi: '{path} on tyhjä merkkijono; anna entrylle sen täydellinen URL (uudelle resurssille urn:uuid:…) tai jätä fullUrl pois',
        sv: '{path} är en tom sträng; ge entry dess fullständiga URL (urn:uuid:… för en ny resurs) eller utelämna fullUrl',
        en: '{path} is an empty string; give the entry its full URL (urn:uuid:… for a new resource) or leave fullUrl out',
      },
    ],
    sources: [{ title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' }],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-json.ts'],
  },
  {
    code: 'R4-JSON-005',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: '{path} on pidempi kuin 1 Mt, enintä mitä FHIR sallii yhdessä merkkijonossa; lähetä suuri sisältö Attachment-liitteenä URL:n kautta',
      sv: '{path} är längre än 1 MB, det mesta FHIR tillåter i en sträng; skicka stort innehåll som en Attachment via URL',
      en: '{path} is longer than 1 MB, the most FHIR allows in one string; send large content as an Attachment by URL',
    },
    sources: [
      { title: 'HL7 FHIR R4: Data types, string', url: 'https://hl7.org/fhir/R4/datatypes.html#string' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-json.ts'],
  },
  {
    code: 'R4-JSON-006',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: '{path} sisältää parittoman UTF-16-sijaismerkkikoodin (\\uD800–\\uDFFF ilman paria), joka ei ole Unicode-merkki; lähetä itse merkki tai sen koko sijaismerkkipari',
      sv: '{path} innehåller en oparad UTF-16-surrogatkod (\\uD800–\\uDFFF utan sitt par), som inte är ett Unicode-tecken; skicka själva tecknet eller hela surrogatparet',
      en: '{path} holds an unpaired UTF-16 surrogate escape (\\uD800–\\uDFFF without its pair), which is not a Unicode character; send the character itself or its complete surrogate pair',
    },
    sources: [
      {
        title:
          'IETF RFC 8259: The JSON Data Interchange Format, 8.1 Character Encoding and 8.2 Unicode Characters',
        url: 'https://www.rfc-editor.org/rfc/rfc8259#section-8.2',
      },
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-json.ts'],
  },
  {
    code: 'R4-PRIM-001',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: "{path}: primitiivin laajennusobjekti on virheellinen ({problem}); anna '_element' objektina (tai toistuvalle elementille arvoja vastaavana taulukkona, null kun arvolla ei ole laajennusta), jossa on vain 'id' ja 'extension'",
      sv: "{path}: en primitivs tilläggsobjekt är felaktigt ({problem}); ange '_element' som ett objekt (eller, för ett upprepat element, en array som motsvarar värdena, null där ett värde saknar tillägg) med bara 'id' och 'extension'",
      en: "{path}: a primitive's extension object is malformed ({problem}); give '_element' as an object (or, for a repeating element, an array aligned with the values, null where one has none) holding only 'id' and 'extension'",
    },
    variants: [
      {
        fi: '{path} on tyhjä; anna sille laajennus tai jätä se pois',
        sv: '{path} är tomt; ge det ett tillägg eller utelämna det',
        en: '{path} is empty; give it an extension or leave it out',
      },
      {
        fi: '{path} on oltava objekti (id ja extension), koska {element} ottaa yhden arvon',
        sv: '{path} ska vara ett objekt (id och extension), eftersom {element} tar ett enda värde',
        en: '{path} must be an object (id and extension), as {element} takes a single value',
      },
      {
        fi: 'elementissä {path} on {count} alkiota, mutta sen arvotaulukossa on {values}; taulukoiden on vastattava toisiaan (null, kun toisessa ei ole mitään)',
        sv: '{path} har {count} poster men dess värdearray har {values}; de två arrayerna ska motsvara varandra (null där den ena saknar något)',
        en: '{path} has {count} entries but its value array has {values}; the two arrays must line up (null where one has nothing)',
      },
      {
        fi: '{path} ja sen arvo ovat molemmat null; jätä toisto pois',
        sv: '{path} och dess värde är båda null; utelämna upprepningen',
        en: '{path} and its value are both null; leave the repetition out',
      },
      {
        fi: "elementin {path} on oltava objekti, jossa on 'id' ja/tai 'extension' (primitiivisen elementin laajennukset)",
        sv: "{path} ska vara ett objekt med 'id' och/eller 'extension' (en primitivs tillägg)",
        en: "{path} must be an object with 'id' and/or 'extension' (a primitive's extensions)",
      },
      {
        fi: 'elementin {path}.extension on oltava laajennusten taulukko',
        sv: '{path}.extension ska vara en array av tillägg',
        en: '{path}.extension must be an array of extensions',
      },
      {
        fi: 'elementin {path}.extension[{i}] on oltava laajennusobjekti',
        sv: '{path}.extension[{i}] ska vara ett tilläggsobjekt',
        en: '{path}.extension[{i}] must be an extension object',
      },
      {
        fi: "'{key}' ei ole sallittu elementissä {path}: primitiivisen elementin laajennusobjektissa on vain 'id' ja 'extension'",
        sv: "'{key}' är inte tillåtet i {path}: en primitivs tilläggsobjekt innehåller bara 'id' och 'extension'",
        en: "'{key}' is not allowed in {path}: a primitive's extension object holds only 'id' and 'extension'",
      },
    ],
    sources: [
      { title: 'HL7 FHIR R4: JSON representation', url: 'https://hl7.org/fhir/R4/json.html' },
      { title: 'HL7 FHIR R4: Extensibility', url: 'https://hl7.org/fhir/R4/extensibility.html' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/r4-base.ts'],
  },
  {
    code: 'FI-SCHED-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.cancelationReason.coding[{i}].system',
    messages: {
      fi: "cancelationReason-koodit tulevat koodistosta THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy; aseta system-arvoksi 'urn:oid:1.2.246.537.6.126' (tai sen versioitu OID), ei '{system}'",
      sv: "koderna i cancelationReason kommer från THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy; sätt system till 'urn:oid:1.2.246.537.6.126' (eller dess versionerade OID), inte '{system}'",
      en: "cancelationReason codes come from THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy; set system to 'urn:oid:1.2.246.537.6.126' (or its versioned OID), not '{system}'",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-010',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.serviceCategory[{i}].coding[{j}].system',
    messages: {
      fi: "serviceCategory-elementin THL-koodaukset käyttävät koodistoa THL - Sosiaali- ja terveyspalvelujen luokitus 'urn:oid:1.2.246.537.6.50' (esim. '.201801'); '{system}' on eri koodisto",
      sv: "THL-kodningar i serviceCategory använder THL - Sosiaali- ja terveyspalvelujen luokitus 'urn:oid:1.2.246.537.6.50' (t.ex. '.201801'); '{system}' är ett annat kodsystem",
      en: "THL codings of serviceCategory use THL - Sosiaali- ja terveyspalvelujen luokitus 'urn:oid:1.2.246.537.6.50' (e.g. '.201801'); '{system}' is another code system",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-011',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.serviceCategory[{i}].coding[{j}].code',
    messages: {
      fi: 'serviceCategory-elementin THL-koodaus tarvitsee koodin',
      sv: 'THL-kodningen i serviceCategory behöver en kod',
      en: 'the THL serviceCategory coding needs a code',
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-020',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.serviceType[{i}].coding[{j}].system',
    messages: {
      fi: "serviceType-elementin THL-koodaukset käyttävät koodistoa THL - Sosiaali- ja terveysalan palvelunimikkeistö 'urn:oid:1.2.246.537.6.49' (esim. '.201501'); '{system}' on eri koodisto",
      sv: "THL-kodningar i serviceType använder THL - Sosiaali- ja terveysalan palvelunimikkeistö 'urn:oid:1.2.246.537.6.49' (t.ex. '.201501'); '{system}' är ett annat kodsystem",
      en: "THL codings of serviceType use THL - Sosiaali- ja terveysalan palvelunimikkeistö 'urn:oid:1.2.246.537.6.49' (e.g. '.201501'); '{system}' is another code system",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-030',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.appointmentType.coding',
    messages: {
      fi: "appointmentType-elementissä pitäisi olla THL - Asiointitapa -koodaus (system 'urn:oid:1.2.246.537.6.884.2015', esim. koodi 10 'Kertakäynti toimipaikassa')",
      sv: "appointmentType bör ha en kodning från THL - Asiointitapa (system 'urn:oid:1.2.246.537.6.884.2015', t.ex. kod 10 'Kertakäynti toimipaikassa')",
      en: "appointmentType should carry a THL - Asiointitapa coding (system 'urn:oid:1.2.246.537.6.884.2015', e.g. code 10 'Kertakäynti toimipaikassa')",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-031',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.appointmentType.coding[{i}].system',
    messages: {
      fi: "kirjoita OID URI-muodossa: 'urn:oid:{system}' (paljas muoto on peräisin Finnish Scheduling -profiilin virheestä)",
      sv: "skriv OID:n som en URI: 'urn:oid:{system}' (den nakna formen kommer från ett fel i Finnish Scheduling-profilen)",
      en: "write the OID as a URI: 'urn:oid:{system}' (the bare form comes from an error in the Finnish Scheduling profile)",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-040',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.reasonReference[{i}]',
    messages: {
      fi: "reasonReference-viittauksen on osoitettava sisällytettyyn Condition-resurssiin ('#id'), ei '{reference}'; lisää Condition kenttään 'contained'",
      sv: "reasonReference ska peka på en innesluten Condition ('#id'), inte '{reference}'; lägg Condition i 'contained'",
      en: "reasonReference must point to a contained Condition ('#id'), not '{reference}'; put the Condition in 'contained'",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-050',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.status.extension(ajanvarauksen-tila).valueCoding.system',
    messages: {
      fi: "ajanvarauksen tila koodataan koodistolla Ajanvaraus - Ajanvarauksen tila: aseta valueCoding.system-arvoksi 'urn:oid:1.2.246.537.6.881' (tai '.201501')",
      sv: "bokningens status kodas med Ajanvaraus - Ajanvarauksen tila: sätt valueCoding.system till 'urn:oid:1.2.246.537.6.881' (eller '.201501')",
      en: "the booking status is coded in Ajanvaraus - Ajanvarauksen tila: set valueCoding.system to 'urn:oid:1.2.246.537.6.881' (or '.201501')",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-051',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.status.extension(ajanvarauksen-tila).valueCoding.code',
    messages: {
      fi: "'{code}' ei ole Ajanvarauksen tila -koodi; käytä jotakin koodeista {codes}",
      sv: "'{code}' är inte en kod i Ajanvarauksen tila; använd en av {codes}",
      en: "'{code}' is not an Ajanvarauksen tila code; use one of {codes}",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-052',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.extension[{onRoot}]',
    messages: {
      fi: "ajanvarauksen-tila-laajennus kuuluu status-elementtiin: siirrä se kohtaan '_status.extension'",
      sv: "tillägget ajanvarauksen-tila hör till status-elementet: flytta det till '_status.extension'",
      en: "the ajanvarauksen-tila extension belongs on the status element: move it to '_status.extension'",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-053',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.status',
    messages: {
      fi: "status '{status}' on ristiriidassa ajanvarauksen tilan {code} ({codes}) kanssa, joka vastaa arvoa '{mapped}'; korjaa toinen niistä",
      sv: "status '{status}' stämmer inte med ajanvarauksen tila {code} ({codes}), som motsvarar '{mapped}'; ändra det ena av dem",
      en: "status '{status}' disagrees with ajanvarauksen tila {code} ({codes}), which maps to '{mapped}'; change one of them",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-054',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.status.extension(ajanvarauksen-tila).valueCoding.code',
    messages: {
      fi: "koodi 5 'Siirretty' on vanhentunut; kirjaa siirto peruttuna (4) ajanvarauksena ja uutena varauksena",
      sv: "kod 5 'Siirretty' är föråldrad; registrera en flyttning som en avbokad (4) bokning och en ny bokning",
      en: "code 5 'Siirretty' is deprecated; record a move as a cancelled (4) appointment and a new booking",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingAppointment',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-060',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant[{i}].actor.identifier.system',
    messages: {
      fi: "kirjoita henkilötunnuksen koodisto URI-muodossa: 'urn:oid:1.2.246.21'",
      sv: "skriv personbeteckningens kodsystem som en URI: 'urn:oid:1.2.246.21'",
      en: "write the identity-code system as a URI: 'urn:oid:1.2.246.21'",
    },
    sources: [
      {
        title: 'Finnish Base Profiles (hl7.fhir.fi.base 2.0.0-rc2), FiBasePatient',
        url: 'https://hl7.fi/fhir/finnish-base-profiles',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'FI-SCHED-070',
    channel: 'fhir',
    severity: 'error',
    element: 'HealthcareService.type[{i}].coding[{j}].system',
    messages: {
      fi: "jokainen HealthcareService.type-koodaus tarvitsee system-arvon: 'urn:oid:1.2.246.537.6.49.201501' terveyspalveluille, 'urn:oid:1.2.246.537.6.1222' sosiaalipalveluille",
      sv: "varje kodning i HealthcareService.type behöver ett system: 'urn:oid:1.2.246.537.6.49.201501' för hälsotjänster, 'urn:oid:1.2.246.537.6.1222' för socialtjänster",
      en: "each HealthcareService.type coding needs a system: 'urn:oid:1.2.246.537.6.49.201501' for health services, 'urn:oid:1.2.246.537.6.1222' for social services",
    },
    sources: [
      {
        title: 'Finnish Scheduling IG (hl7.fhir.fi.scheduling 2.0.0-rc3), FiSchedulingHealthcareService',
        url: 'https://hl7.fi/fhir/finnish-scheduling',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/fi-scheduling.ts'],
  },
  {
    code: 'KANTA-APPT-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.meta.profile',
    messages: {
      fi: "Kannan ajanvaraus ilmoittaa profiilinsa: lisää 'https://pta.kanta.fi/fhir/StructureDefinition/AppointmentAppointment' kenttään meta.profile",
      sv: "en Kanta-bokning anger sin profil: lägg till 'https://pta.kanta.fi/fhir/StructureDefinition/AppointmentAppointment' i meta.profile",
      en: "a Kanta appointment declares its profile: add 'https://pta.kanta.fi/fhir/StructureDefinition/AppointmentAppointment' to meta.profile",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-002',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant',
    messages: {
      fi: "yksilöi potilas participant-elementissä henkilötunnuksella: actor.identifier { system: 'urn:oid:1.2.246.21', value: '<henkilötunnus>' } (pelkkä viittaus ei riitä Kannalle)",
      sv: "identifiera patienten i en participant med personbeteckning: actor.identifier { system: 'urn:oid:1.2.246.21', value: '<personbeteckning>' } (enbart en referens räcker inte för Kanta)",
      en: "identify the patient in a participant by identity code: actor.identifier { system: 'urn:oid:1.2.246.21', value: '<identity code>' } (a reference alone is not enough for Kanta)",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-003',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant[{patients}]',
    messages: {
      fi: 'Kannan ajanvaraus kuuluu yhdelle potilaalle; tallenna kullekin potilaalle oma ajanvarauksensa',
      sv: 'en Kanta-bokning hör till en patient; spara en separat bokning för varje patient',
      en: 'a Kanta appointment belongs to one patient; store a separate appointment for each patient',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-004',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant[{i}].actor.identifier.value',
    messages: {
      fi: 'potilaan tunnisteella on system mutta ei arvoa; lisää henkilötunnus',
      sv: 'patientens identifierare har ett system men inget värde; lägg till personbeteckningen',
      en: "the patient's identifier has a system but no value; add the identity code",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-010',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.identifier',
    messages: {
      fi: 'lisää ajanvarauksen oma tunniste (ajanvarauksen tunniste), jotta ajanvaraus voidaan hakea ja korvata sillä [kantasim: pakollinen aiemmassa suomalaisessa profiilissa]',
      sv: 'lägg till bokningens egen identifierare (ajanvarauksen tunniste) så att bokningen kan hittas och ersättas med den [kantasim: obligatorisk i den tidigare finska profilen]',
      en: "add the booking's own identifier (ajanvarauksen tunniste) so the appointment can be found and replaced by it [kantasim: mandatory in the earlier Finnish profile]",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-011',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.status',
    messages: {
      fi: "virheellinen ajanvaraus mitätöidään, sitä ei tallenneta tilassa entered-in-error: lähetä transaktio, jossa on uusi Provenance ja 'DELETE Appointment/<id>'",
      sv: "en felaktig bokning makuleras, den sparas inte som entered-in-error: skicka en transaktion med en ny Provenance och 'DELETE Appointment/<id>'",
      en: "an erroneous appointment is nullified, not stored as entered-in-error: send a transaction with a new Provenance and 'DELETE Appointment/<id>'",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Tallennus ja korvaus; Mitätöinti',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-012',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.cancelationReason',
    messages: {
      fi: 'perutussa ajanvarauksessa pitäisi kertoa syy: lisää cancelationReason (THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy, urn:oid:1.2.246.537.6.126)',
      sv: 'en avbokad bokning bör ange orsaken: lägg till cancelationReason (THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy, urn:oid:1.2.246.537.6.126)',
      en: 'a cancelled appointment should say why: add cancelationReason (THL - Palvelutapahtuman peruuntumisen tai siirtymisen syy, urn:oid:1.2.246.537.6.126)',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-013',
    channel: 'fhir',
    severity: 'warning',
    element: 'Bundle.entry[{entry}].resource.identifier[{i}]',
    messages: {
      fi: "ajanvaraus tunnisteella '{value}' on jo tallennettu (Appointment/{id}); muuta sitä korvaamalla se (PUT Appointment/{id} transaktiossa) äläkä tallenna toista",
      sv: "en bokning med identifieraren '{value}' är redan sparad (Appointment/{id}); ersätt den för att ändra den (PUT Appointment/{id} i transaktionen) i stället för att spara en till",
      en: "an appointment with identifier '{value}' is already stored (Appointment/{id}); to change it, replace it (PUT Appointment/{id} in the transaction) instead of storing a second one",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/handlers/kanta-transaction.ts'],
  },
  {
    code: 'KANTA-APPT-014',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.participant[{i}].actor.identifier.value',
    messages: {
      fi: 'ajanvaraus kuuluu potilaalle {was}; sitä ei voi siirtää potilaalle {now}. Mitätöi se ja tallenna uusi ajanvaraus toiselle potilaalle',
      sv: 'bokningen hör till patienten {was}; den kan inte flyttas till {now}. Makulera den och spara en ny bokning för den andra patienten',
      en: 'the appointment belongs to patient {was}; it cannot be moved to {now}. Nullify it and store a new appointment for the other patient',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentAppointment',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-020',
    channel: 'fhir',
    severity: 'error',
    element: 'If-Match',
    messages: {
      fi: 'ajanvarauksen päivitys edellyttää If-Match-otsaketta muuttamasi version kanssa, esim. If-Match: W/"1" (Kanta edellyttää sitä); lue ajanvaraus saadaksesi sen ETagin',
      sv: 'uppdatering av en bokning kräver If-Match med den version du ändrade, t.ex. If-Match: W/"1" (Kanta kräver det); läs bokningen för att få dess ETag',
      en: 'updating an appointment needs If-Match with the version you changed, e.g. If-Match: W/"1" (Kanta makes it mandatory); read the appointment to get its ETag',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 CapabilityStatement',
        url: 'https://pta.kanta.fi/appointment/R4/capabilitystatement',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/routes.ts'],
  },
  {
    code: 'KANTA-ID-001',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: "'{value}' ei ole kelvollinen henkilötunnus: {problem}",
      sv: "'{value}' är inte en giltig personbeteckning: {problem}",
      en: "'{value}' is not a valid identity code: {problem}",
    },
    sources: [
      { title: 'DVV: Personal identity code', url: 'https://dvv.fi/en/personal-identity-code' },
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-ID-002',
    channel: 'fhir',
    severity: 'error',
    element: '{element}',
    messages: {
      fi: "henkilötunnus '{value}' on todellisen henkilön tunnus: {problem}. Käytä Kelan myöntämää testitunnusta (esim. GET /registry/test-persons); todelliset henkilötunnukset hylätään, ellei palvelinta ajeta valinnalla --allow-real-identities",
      sv: "personbeteckningen '{value}' tillhör en verklig person: {problem}. Använd en testbeteckning som FPA utfärdat (t.ex. från GET /registry/test-persons); verkliga identiteter avvisas om inte servern körs med --allow-real-identities",
      en: "identity code '{value}' is a real person's code: {problem}. Use a Kela-issued test code (e.g. from GET /registry/test-persons); real identities are refused unless the server runs with --allow-real-identities",
    },
    variants: [
      {
        fi: "henkilötunnus '{value}' on todellisen henkilön tunnus ({problem}); todelliset henkilötunnukset hylätään, ellei palvelinta ajeta valinnalla --allow-real-identities; käytä Kelan myöntämää testitunnusta (esim. GET /registry/test-persons)",
        sv: "personbeteckningen '{value}' tillhör en verklig person ({problem}); verkliga identiteter avvisas om inte servern körs med --allow-real-identities; använd en testbeteckning som FPA utfärdat (t.ex. från GET /registry/test-persons)",
        en: "identity code '{value}' is a real person's code ({problem}); real identities are refused unless the server runs with --allow-real-identities; use a Kela-issued test code (e.g. from GET /registry/test-persons)",
      },
    ],
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'Kanta: Test material', url: 'https://www.kanta.fi/en/system-developers/test-material' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-ID-003',
    channel: 'fhir',
    severity: 'error',
    element: '{path}',
    messages: {
      fi: 'tekstissä on todellisen henkilön henkilötunnus ({masked}); tunnisteissa, nimissä, kertomusteksteissä ja muussa vapaassa tekstissä ei saa olla sellaista: poista se tai käytä Kelan myöntämää testitunnusta',
      sv: 'texten innehåller en verklig persons personbeteckning ({masked}); id:n, namn, berättande text och annan fritext får inte innehålla en sådan: ta bort den eller använd en testbeteckning som FPA utfärdat',
      en: "this text contains a real person's identity code ({masked}); ids, names, narrative and other free text must not carry one: remove it or use a Kela-issued test code",
    },
    variants: [
      {
        fi: 'tekstissä on todellisen henkilön henkilötunnus ({masked}); tunnisteissa, nimissä, kertomusteksteissä ja muussa vapaassa tekstissä ei saa olla sellaista: poista se tai käytä Kelan myöntämää testitunnusta (esim. osoitteesta GET /registry/test-persons); todellisia henkilötunnuksia ei hyväksytä, ellei palvelinta ole käynnistetty valitsimella --allow-real-identities',
        sv: 'texten innehåller en verklig persons personbeteckning ({masked}); id:n, namn, berättande text och annan fritext får inte innehålla en sådan: ta bort den eller använd en testbeteckning som FPA utfärdat (t.ex. från GET /registry/test-persons); verkliga personbeteckningar avvisas om inte servern körs med --allow-real-identities',
        en: "this text contains a real person's identity code ({masked}); ids, names, narrative and other free text must not carry one: remove it or use a Kela-issued test code (e.g. from GET /registry/test-persons); real identities are refused unless the server runs with --allow-real-identities",
      },
    ],
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      { title: 'Kanta: Test material', url: 'https://www.kanta.fi/en/system-developers/test-material' },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-ID-004',
    channel: 'fhir',
    severity: 'warning',
    element: '{path}.system',
    messages: {
      fi: "tunnisteen system '{system}' tarkoittaa henkilötunnuksen koodistoa mutta on kirjoitettu eri tavalla; kirjoita se täsmälleen 'urn:oid:1.2.246.21'",
      sv: "identifierarens system '{system}' avser personbeteckningens kodsystem men är skrivet annorlunda; skriv det exakt 'urn:oid:1.2.246.21'",
      en: "identifier system '{system}' names the identity-code system but is written differently; write it exactly 'urn:oid:1.2.246.21'",
    },
    sources: [
      { title: 'Kanta: Test etiquette', url: 'https://www.kanta.fi/en/system-developers/test-etiquette' },
      {
        title: 'HL7 Finland: Finnish Base Profiles, Personal identity code',
        url: 'https://hl7.fi/fhir/finnish-base-profiles/',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-PROV-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.meta.profile',
    messages: {
      fi: "lisää '{wanted}' {nullification}Provenance-resurssin kenttään meta.profile",
      sv: "lägg till '{wanted}' i meta.profile för {nullification}Provenance",
      en: "add '{wanted}' to meta.profile of the {nullification}Provenance",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-002',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.target',
    messages: {
      fi: 'Provenance-resurssilla on täsmälleen yksi kohde, tämän transaktion ajanvaraus ({or}); löytyi {t}',
      sv: 'Provenance har exakt ett mål, bokningen i den här transaktionen ({or}); hittade {t}',
      en: 'the Provenance has exactly one target, the appointment of this transaction ({or}); found {t}',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-003',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.recorded',
    messages: {
      fi: 'lisää recorded: milloin varaustapahtuma kirjattiin (instant-aika aikavyöhykkeineen)',
      sv: 'lägg till recorded: när bokningshändelsen registrerades (instant med tidszon)',
      en: 'add recorded: when the booking event was recorded (instant with time zone)',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-004',
    channel: 'fhir',
    severity: 'warning',
    element: 'Provenance.recorded',
    messages: {
      fi: "recorded '{recorded}' on tulevaisuudessa; tarkista lähettävän järjestelmän kello",
      sv: "recorded '{recorded}' ligger i framtiden; kontrollera klockan i det sändande systemet",
      en: "recorded '{recorded}' is in the future; check the clock of the sending system",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-005',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].role',
    messages: {
      fi: "jokaisella agentilla on roolikoodaus koodistosta 'http://gen.kanta.fi/figen-cs-provenancerolecategory' (agentit on viipaloitu sen mukaan); lisää sellainen, esim. koodi 10 palvelunjärjestäjälle",
      sv: "varje agent har en rollkodning från 'http://gen.kanta.fi/figen-cs-provenancerolecategory' (agenterna är uppdelade efter den); lägg till en, t.ex. kod 10 för tjänstens anordnare",
      en: "every agent has a role coding from 'http://gen.kanta.fi/figen-cs-provenancerolecategory' (the agents are sliced by it); add one, e.g. code 10 for the service organiser",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-006',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].role',
    messages: {
      fi: "roolikoodi '{code}' ei kuulu profiilin agenttiviipaleisiin (viipalointi on suljettu; roolit: {n})",
      sv: "rollkoden '{code}' ligger utanför profilens agentuppdelning (uppdelningen är stängd; roller: {n})",
      en: "role code '{code}' is outside the agent slices of the profile (slicing is closed; roles: {n})",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.agent (slicing closed by role.coding.code: 10 Palvelunjärjestäjä, 12 AppointmentBookerPatient)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
      {
        title:
          'Kanta tahdonilmaisut (fi.kela.kanta.gen.r4.tahdonilmaisut 1.0.0-rc1), TahdonilmaisuProvenance invariants TIP-PROV-1..4: roles 2, 5, 7 (accepted as inferred slices)',
        url: 'https://simplifier.net/guide/Sosiaali-ja-terveydenhuollon-v-linen-luovutuslupa',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-007',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent',
    messages: {
      fi: "palvelunjärjestäjä on pakollinen: lisää agentti, jolla on rooli 'http://gen.kanta.fi/figen-cs-provenancerolecategory#10' sekä who.identifier { system: 'urn:ietf:rfc:3986', value: 'urn:oid:<organisaation OID>' } ja who.display",
      sv: "tjänstens anordnare (palvelunjärjestäjä) är obligatorisk: lägg till en agent med rollen 'http://gen.kanta.fi/figen-cs-provenancerolecategory#10' och who.identifier { system: 'urn:ietf:rfc:3986', value: 'urn:oid:<organisationens OID>' }, who.display",
      en: "the service organiser (palvelunjärjestäjä) is mandatory: add an agent with role 'http://gen.kanta.fi/figen-cs-provenancerolecategory#10' and who.identifier { system: 'urn:ietf:rfc:3986', value: 'urn:oid:<organisation OID>' }, who.display",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-008',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.system',
    messages: {
      fi: "palvelunjärjestäjän tunnisteen system on 'urn:ietf:rfc:3986' (arvo on urn:oid:-URI)",
      sv: "systemet för anordnarens identifierare är 'urn:ietf:rfc:3986' (värdet är en urn:oid:-URI)",
      en: "the service organiser's identifier system is 'urn:ietf:rfc:3986' (the value is a urn:oid: URI)",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-009',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      fi: "palvelunjärjestäjä yksilöidään SOTE-organisaatiorekisterin OID-tunnuksella muodossa 'urn:oid:1.2.246.10.<y-tunnus>.10.0'; '{value}' ei ole tällainen URI",
      sv: "tjänstens anordnare identifieras med sin OID i SOTE-organisationsregistret som 'urn:oid:1.2.246.10.<y-tunnus>.10.0'; '{value}' är inte en sådan URI",
      en: "the service organiser is identified by its SOTE-organisation register OID as 'urn:oid:1.2.246.10.<y-tunnus>.10.0'; '{value}' is not such a URI",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-010',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.display',
    messages: {
      fi: 'lisää who.display: palvelunjärjestäjän nimi',
      sv: 'lägg till who.display: namnet på tjänstens anordnare',
      en: "add who.display: the service organiser's name",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-011',
    channel: 'fhir',
    severity: 'warning',
    element: 'Provenance.signature',
    messages: {
      fi: 'Kanta odottaa varauksen olevan allekirjoitettu; lisää signature (kantasim ei tarkista allekirjoituksia)',
      sv: 'Kanta förväntar sig att bokningen är signerad; lägg till en signature (kantasim kontrollerar inte signaturer)',
      en: 'Kanta expects the booking to be signed; add a signature (kantasim does not verify signatures)',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), AppointmentProvenance',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-015',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.identifier[{i}].value',
    messages: {
      fi: 'ajanvarauksen tunnisteella ei ole arvoa: Appointment.identifier.value on 1..1 profiilissa AppointmentAppointment; lisää ajanvarausjärjestelmän oma tunniste',
      sv: 'bokningens identifierare har inget värde: Appointment.identifier.value är 1..1 i AppointmentAppointment; lägg till bokningssystemets egen identifierare',
      en: "the booking's identifier has no value: Appointment.identifier.value is 1..1 in AppointmentAppointment; add the booking system's own identifier",
    },
    sources: [
      {
        title:
          "Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.identifier.value 1..1 (validator example on the guide's OperationOutcome page)",
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-016',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.meta.security[{j}]',
    messages: {
      fi: 'meta.security-koodauksessa (sidottu arvojoukkoon https://pta.kanta.fi/ValueSet/fipta-vs-visible) on system, code ja display; lisää {missing}',
      sv: 'en meta.security-kodning (bunden till https://pta.kanta.fi/ValueSet/fipta-vs-visible) har system, code och display; lägg till {missing}',
      en: 'a meta.security coding (bound to https://pta.kanta.fi/ValueSet/fipta-vs-visible) carries system, code and display; add {missing}',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.meta.security (binding required fipta-vs-visible; coding system, code, display required)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-017',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.cancelationReason.coding[{j}]',
    messages: {
      fi: 'cancelationReason-koodauksessa (sidottu arvojoukkoon https://pta.kanta.fi/ValueSet/fipta-vs-cancelationreason) on system, code ja display; lisää {missing}',
      sv: 'en cancelationReason-kodning (bunden till https://pta.kanta.fi/ValueSet/fipta-vs-cancelationreason) har system, code och display; lägg till {missing}',
      en: 'a cancelationReason coding (bound to https://pta.kanta.fi/ValueSet/fipta-vs-cancelationreason) carries system, code and display; add {missing}',
    },
    variants: [
      {
        fi: 'cancelationReason on koodattu tieto (sidottu arvojoukkoon {valueSet}); lisää koodaus, jossa on system, code ja display',
        sv: 'cancelationReason är kodad (bunden till {valueSet}); lägg till en kodning med system, code och display',
        en: 'cancelationReason is coded (bound to {valueSet}); add a coding with system, code and display',
      },
    ],
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.cancelationReason (coding 1..; binding required fipta-vs-cancelationreason; system, code, display required)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-018',
    channel: 'fhir',
    severity: 'error',
    element: 'Appointment.serviceCategory[{i}].coding[{j}]',
    messages: {
      fi: 'serviceCategory-koodauksessa on system, code ja display; lisää {missing}',
      sv: 'en serviceCategory-kodning har system, code och display; lägg till {missing}',
      en: 'a serviceCategory coding carries system, code and display; add {missing}',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.serviceCategory (coding system, code, display required)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-APPT-019',
    channel: 'fhir',
    severity: 'warning',
    element: 'Appointment.serviceType[{i}].coding[{j}]',
    messages: {
      fi: 'serviceType-koodauksessa pitäisi olla system, code ja display kuten oppaan muissa sidotuissa koodauksissa; lisää {missing}',
      sv: 'en serviceType-kodning bör ha system, code och display som guidens andra bundna kodningar; lägg till {missing}',
      en: "a serviceType coding should carry system, code and display like the guide's other bound codings; add {missing}",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 0.1.0), AppointmentAppointment, Appointment.serviceType (constraints not in the public rendering)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-012',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].role[{k}].coding[{j}]',
    messages: {
      fi: 'agentin roolikoodauksessa (sidottu arvojoukkoon http://gen.kanta.fi/ValueSet/figen-vs-provenancerolecategory) on system, code ja display; lisää {missing}',
      sv: 'en agents rollkodning (bunden till http://gen.kanta.fi/ValueSet/figen-vs-provenancerolecategory) har system, code och display; lägg till {missing}',
      en: 'an agent role coding (bound to http://gen.kanta.fi/ValueSet/figen-vs-provenancerolecategory) carries system, code and display; add {missing}',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.agent.role.coding (system, code, display required)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-013',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.language',
    messages: {
      fi: "lisää language (1..1 profiilissa AppointmentProvenance), esim. 'fi'",
      sv: "lägg till language (1..1 i AppointmentProvenance), t.ex. 'fi'",
      en: "add language (1..1 in AppointmentProvenance), e.g. 'fi'",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.language 1..1',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-014',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.occurred[x]',
    messages: {
      fi: 'AppointmentProvenance ei salli occurred[x]-elementtiä (aika on Provenance.recorded); poista se',
      sv: 'AppointmentProvenance tillåter inget occurred[x] (tiden är Provenance.recorded); ta bort det',
      en: 'AppointmentProvenance allows no occurred[x] (the time is Provenance.recorded); remove it',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.occurred[x] (no types allowed)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-015',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.{element}',
    messages: {
      fi: 'mitätöinnin Provenance-resurssissa (MitatointiProvenanceV2) ei ole elementtiä {element} (0..0 profiilissa); poista se',
      sv: 'en makulerings-Provenance (MitatointiProvenanceV2) har inget {element} (0..0 i profilen); ta bort det',
      en: 'a nullification Provenance (MitatointiProvenanceV2) has no {element} (0..0 in the profile); remove it',
    },
    sources: [
      {
        title:
          'Kanta yhteiset FHIR-profiilit (fi.kela.kanta.gen.r4 1.0.0-rc5; kanta-yhteiset-fhir 1.0.0), MitatointiProvenanceV2, Provenance.reason, .policy, .location, .occurred[x], .text, .implicitRules 0..0',
        url: 'https://simplifier.net/kanta-yhteiset-fhir/mitatointiprovenancev2',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-016',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.reference',
    messages: {
      fi: "'{ref}' ei nimeä sisällytettyä resurssia; lisää agentin Patient, Practitioner tai Device kenttään Provenance.contained tunnisteella '{id}'",
      sv: "'{ref}' anger ingen innesluten resurs; lägg agentens Patient, Practitioner eller Device i Provenance.contained med id '{id}'",
      en: "'{ref}' names no contained resource; put the agent's Patient, Practitioner or Device in Provenance.contained with id '{id}'",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.agent.who.reference to contained AppointmentPatient, AppointmentPractitioner, KantaDevice',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-PROV-017',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.contained[{i}]',
    messages: {
      fi: 'sisällytetty {type} ei ole oppaan nimeämä; agentin henkilö tai järjestelmä on sisällytetty Patient, Practitioner tai Device (AppointmentPatient, AppointmentPractitioner, KantaDevice)',
      sv: 'en innesluten {type} är inte en som guiden anger; en agents person eller system är en innesluten Patient, Practitioner eller Device (AppointmentPatient, AppointmentPractitioner, KantaDevice)',
      en: "a contained {type} is not one the guide names; an agent's person or system is a contained Patient, Practitioner, Device (AppointmentPatient, AppointmentPractitioner, KantaDevice)",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), AppointmentProvenance, Provenance.contained (AppointmentPatient, AppointmentPractitioner, KantaDevice)',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/validation/kanta-profiles.ts'],
  },
  {
    code: 'KANTA-REG-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      fi: 'palvelunjärjestäjä {oid} ei ole SOTE-organisaatiorekisterissä (koodistopalvelu); rekisteröi se (POST /registry/organisations) tai käytä organisaation rekisteröityä OID-tunnusta',
      sv: 'tjänstens anordnare {oid} finns inte i SOTE-organisationsregistret (kodservern); registrera den (POST /registry/organisations) eller använd organisationens registrerade OID',
      en: "service organiser {oid} is not in the SOTE organisation register (code server); register it (POST /registry/organisations) or use the organisation's registered OID",
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-REG-002',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      fi: 'palvelunjärjestäjä {oid} ({name}) ei ole enää voimassa koodistopalvelussa; käytä voimassa olevaa OID-tunnusta tai aktivoi tieto uudelleen',
      sv: 'tjänstens anordnare {oid} ({name}) är inte längre giltig i kodservern; använd den giltiga OID:n eller återaktivera posten',
      en: 'service organiser {oid} ({name}) is no longer current in the code server; use the current OID or reactivate the entry',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-REG-003',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      fi: '{name} ({oid}) ei ole Kannan asiakas; sen on liityttävä Kantaan (käyttöönottotiedot Kelaan) ennen ajanvarausten tallentamista',
      sv: '{name} ({oid}) är inte Kanta-kund; den måste ansluta sig till Kanta (ibruktagningsuppgifter till FPA) innan den sparar bokningar',
      en: '{name} ({oid}) is not a Kanta customer; it must join Kanta (deployment data to Kela) before storing appointments',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-REG-004',
    channel: 'fhir',
    severity: 'error',
    element: 'Provenance.agent[{i}].who.identifier.value',
    messages: {
      fi: 'asiakas {orgOid} ei ole ottanut ajanvarauspalvelua käyttöön: tee Kelalle käytön laajennus palvelulle Potilastiedon arkisto – Ajanvaraus (pta-appointment) ja kirjaa se (PUT /registry/customers/{orgOid})',
      sv: 'kunden {orgOid} har inte tagit bokningstjänsten i bruk: anmäl en utvidgning av användningen (käytön laajennus) till FPA för Potilastiedon arkisto – Ajanvaraus (pta-appointment) och registrera den (PUT /registry/customers/{orgOid})',
      en: 'customer {orgOid} has not deployed the appointment service: notify Kela of an expansion of use (käytön laajennus) for Potilastiedon arkisto – Ajanvaraus (pta-appointment), then record it (PUT /registry/customers/{orgOid})',
    },
    sources: [
      {
        title: 'Kanta: Potilastietovarannon käyttöönotto',
        url: 'https://www.kanta.fi/fi/ammattilaiset/potilastietovarannon-kayttoonotto',
      },
      { title: 'Kanta: Käytön laajennus', url: 'https://www.kanta.fi/ammattilaiset/kayton-laajennus' },
      {
        title: 'THL/Kela: Koodistopalvelu (national code server)',
        url: 'https://koodistopalvelu.kanta.fi/codeserver/',
      },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/registry-rules.ts'],
  },
  {
    code: 'KANTA-SEARCH-001',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: '{what} ottaa parametrinsa vain lomakekoodattuna sisältönä (Kanta ottaa ajanvarausten hakuparametrit vain POST-sisällössä); siirrä {name} URL:sta sisältöön',
      sv: '{what} tar sina parametrar endast i det formulärkodade innehållet (Kanta tar bokningarnas sökparametrar endast i POST-innehållet); flytta {name} från URL:en till innehållet',
      en: '{what} takes its parameters in the form-encoded body only (Kanta takes appointment search parameters in the POST body only); move {name} from the URL into the body',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-002',
    channel: 'fhir',
    severity: 'error',
    element: 'patient:identifier',
    messages: {
      fi: "potilas on pakollinen: lisää sisältöön 'patient:identifier=urn:oid:1.2.246.21|<henkilötunnus>'",
      sv: "patienten är obligatorisk: lägg till 'patient:identifier=urn:oid:1.2.246.21|<personbeteckning>' i innehållet",
      en: "the patient is mandatory: add 'patient:identifier=urn:oid:1.2.246.21|<identity code>' to the body",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-003',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "'{name}' on Kannan parametri, jonka merkitys ei ole julkinen; kantasim ei simuloi sitä (katso docs/fhir.md)",
      sv: "'{name}' är en Kanta-parameter vars betydelse inte är offentlig; kantasim simulerar den inte (se docs/fhir.md)",
      en: "'{name}' is a Kanta parameter whose meaning is not public; kantasim does not simulate it (see docs/fhir.md)",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 CapabilityStatement',
        url: 'https://pta.kanta.fi/appointment/R4/capabilitystatement',
      },
      { title: 'kantasim: fhir.md', url: 'docs/fhir.md' },
    ],
    basis: 'assumption',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-004',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "'{name}' ei ole ajanvarausten hakuparametri; käytä parametreja {parameters}",
      sv: "'{name}' är inte en sökparameter för bokningar; använd {parameters}",
      en: "'{name}' is not an appointment search parameter; use {parameters}",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 CapabilityStatement',
        url: 'https://pta.kanta.fi/appointment/R4/capabilitystatement',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-005',
    channel: 'fhir',
    severity: 'error',
    element: '{name}',
    messages: {
      fi: "Appointment/_history ottaa parametrin identifier tai patient (sekä _count, _offset), ei '{name}'",
      sv: "Appointment/_history tar identifier eller patient (och _count, _offset), inte '{name}'",
      en: "Appointment/_history takes identifier or patient (and _count, _offset), not '{name}'",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-006',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: "anna Appointment/_history-haun sisällössä 'identifier' tai 'patient' (henkilötunnus)",
      sv: "ange 'identifier' eller 'patient' (personbeteckning) i innehållet till Appointment/_history",
      en: "give 'identifier' or 'patient' (identity code) in the body of Appointment/_history",
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-007',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'hae ajanvarauksia pyynnöllä POST /fhir/Appointment/_search ja lomakekoodatulla sisällöllä (Kanta ottaa ajanvarausten hakuparametrit vain POST-sisällössä), esim. patient:identifier=urn:oid:1.2.246.21|010181-900C',
      sv: 'sök bokningar med POST /fhir/Appointment/_search och ett formulärkodat innehåll (Kanta tar bokningarnas sökparametrar endast i POST-innehållet), t.ex. patient:identifier=urn:oid:1.2.246.21|010181-900C',
      en: 'search appointments with POST /fhir/Appointment/_search and a form-encoded body (Kanta takes appointment search parameters in the POST body only), e.g. patient:identifier=urn:oid:1.2.246.21|010181-900C',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Haku',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-SEARCH-008',
    channel: 'fhir',
    severity: 'error',
    element: 'producing-service-provider-unit',
    messages: {
      fi: "producing-service-provider-unit annetaan yhdessä parametrin appointment-service-provider kanssa (oppaan CapabilityStatement); lisää sisältöön 'appointment-service-provider=urn:oid:<palveluntuottajan OID>'",
      sv: "producing-service-provider-unit anges tillsammans med appointment-service-provider (guidens CapabilityStatement); lägg till 'appointment-service-provider=urn:oid:<tjänsteproducentens OID>' i innehållet",
      en: "producing-service-provider-unit is given together with appointment-service-provider (the guide's CapabilityStatement); add 'appointment-service-provider=urn:oid:<provider OID>' to the body",
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4 1.0.0-rc2), PTA-Appointment-R4-CapabilityStatement, search parameter producing-service-provider-unit',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-query.ts'],
  },
  {
    code: 'KANTA-TX-001',
    channel: 'fhir',
    severity: 'error',
    element: 'Bundle.entry',
    messages: {
      fi: 'transaktio ei ole yksi Appointment- ja Provenance-pari, kuten Kanta edellyttää: {problem}',
      sv: 'transaktionen är inte ett par av Appointment och Provenance som Kanta kräver: {problem}',
      en: 'the transaction is not one Appointment + Provenance pair as Kanta requires: {problem}',
    },
    variants: [
      {
        fi: "merkintä {i}: request.url-arvon on oltava 'Appointment/<id>', ei '{url}'",
        sv: "post {i}: request.url ska vara 'Appointment/<id>', inte '{url}'",
        en: "entry {i}: request.url must be 'Appointment/<id>', not '{url}'",
      },
      {
        fi: 'Kannan ajanvaraustransaktiossa on täsmälleen kaksi merkintää (Appointment ja Provenance tallennukseen tai korvaukseen, Provenance ja DELETE Appointment mitätöintiin); tässä on {count}',
        sv: 'en Kanta-bokningstransaktion har exakt två poster (Appointment och Provenance för att spara eller ersätta, Provenance och DELETE Appointment för att makulera); den här har {count}',
        en: 'a Kanta appointment transaction has exactly two entries (Appointment + Provenance to store or replace, Provenance + DELETE Appointment to nullify); this one has {count}',
      },
      {
        fi: 'merkinnältä {i} puuttuu request.method',
        sv: 'post {i} saknar request.method',
        en: 'entry {i} has no request.method',
      },
      {
        fi: 'merkintä {i}: DELETE-merkinnässä ei ole resurssia',
        sv: 'post {i}: en DELETE-post har ingen resurs',
        en: 'entry {i}: a DELETE entry carries no resource',
      },
      {
        fi: "merkintä {i}: tässä sallitaan vain 'DELETE Appointment/<id>'",
        sv: "post {i}: här tillåts bara 'DELETE Appointment/<id>'",
        en: "entry {i}: only 'DELETE Appointment/<id>' is allowed here",
      },
      {
        fi: 'merkintä {i}: Appointment tallennetaan POST-pyynnöllä tai korvataan PUT-pyynnöllä, ei {method}',
        sv: 'post {i}: en Appointment sparas med POST eller ersätts med PUT, inte {method}',
        en: 'entry {i}: an Appointment is stored with POST or replaced with PUT, not {method}',
      },
      {
        fi: "merkintä {i}: lähetä Appointment (POST) osoitteeseen 'Appointment', ei '{url}'",
        sv: "post {i}: skicka (POST) en Appointment till 'Appointment', inte '{url}'",
        en: "entry {i}: POST an Appointment to 'Appointment', not '{url}'",
      },
      {
        fi: "merkintä {i}: Provenance on joka kerta uusi: 'POST Provenance'",
        sv: "post {i}: Provenance är ny varje gång: 'POST Provenance'",
        en: "entry {i}: the Provenance is new every time: 'POST Provenance'",
      },
      {
        fi: 'merkintä {i}: Kannan ajanvaraustransaktiossa on vain Appointment, Provenance ja Appointment-resurssin DELETE, ei {what}',
        sv: 'post {i}: en Kanta-bokningstransaktion innehåller bara en Appointment, en Provenance och en DELETE av en Appointment, inte {what}',
        en: 'entry {i}: a Kanta appointment transaction holds only an Appointment, a Provenance and a DELETE of an Appointment, not {what}',
      },
      {
        fi: 'transaktiosta puuttuu Provenance-merkintä (POST Provenance)',
        sv: 'transaktionen behöver en Provenance-post (POST Provenance)',
        en: 'the transaction needs a Provenance entry (POST Provenance)',
      },
      {
        fi: 'mitätöinnissä on vain Provenance ja DELETE; jätä Appointment pois',
        sv: 'en makulering har bara en Provenance och en DELETE; utelämna Appointment',
        en: 'nullification has a Provenance and a DELETE only; leave the Appointment out',
      },
      {
        fi: 'transaktiosta puuttuu Appointment-merkintä (tai mitätöintiin DELETE Appointment/<id>)',
        sv: 'transaktionen behöver en Appointment-post (eller DELETE Appointment/<id> för att makulera)',
        en: 'the transaction needs an Appointment entry (or a DELETE Appointment/<id> to nullify)',
      },
      {
        fi: "merkintä {i}: Appointment-resurssin id:n on oltava '{id}' kuten request.url-arvossa",
        sv: "post {i}: Appointment-resursens id ska vara '{id}' som i request.url",
        en: "entry {i}: the Appointment's id must be '{id}' as in request.url",
      },
      {
        fi: 'anna Appointment-merkinnälle fullUrl (esim. urn:uuid:…), jotta Provenance voi viitata siihen',
        sv: 'ge Appointment-posten en fullUrl (t.ex. urn:uuid:…) så att Provenance kan referera till den',
        en: 'give the Appointment entry a fullUrl (e.g. urn:uuid:…) so the Provenance can target it',
      },
    ],
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Tallennus ja korvaus; Mitätöinti',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-transaction.ts'],
  },
  {
    code: 'KANTA-TX-002',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'request.ifMatch ilmoittaa version {expected}, mutta Appointment/{id} on versiossa {none}; lue se uudelleen ja lähetä uudelleen',
      sv: 'request.ifMatch anger version {expected} men Appointment/{id} är i version {none}; läs den igen och skicka på nytt',
      en: 'request.ifMatch says version {expected} but Appointment/{id} is at version {none}; read it again and resend',
    },
    sources: [
      {
        title:
          'Kanta PTA ajanvaraus R4 guide (fi.kela.kanta.pta.ajanvaraus.r4), Tallennus ja korvaus; Mitätöinti',
        url: 'https://simplifier.net/guide/kanta-potilastietovaranto-ajanvaraus-r4',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-transaction.ts'],
  },
  {
    code: 'KANTA-TX-003',
    channel: 'fhir',
    severity: 'error',
    element: 'Bundle.entry[{i}].request.ifMatch',
    messages: {
      fi: 'merkintä {i}: Appointment/{id}-resurssin korvaaminen edellyttää request.ifMatch-arvoa muuttamasi version kanssa, esim. W/"1" (Kanta edellyttää If-Match-otsaketta päivityksessä); lue ajanvaraus saadaksesi sen ETagin',
      sv: 'post {i}: att ersätta Appointment/{id} kräver request.ifMatch med den version du ändrade, t.ex. W/"1" (Kanta kräver If-Match vid uppdatering); läs bokningen för att få dess ETag',
      en: 'entry {i}: replacing Appointment/{id} needs request.ifMatch with the version you changed, e.g. W/"1" (Kanta makes If-Match mandatory on update); read the appointment to get its ETag',
    },
    sources: [
      {
        title: 'Kanta PTA ajanvaraus R4 CapabilityStatement (Appointment update: If-Match mandatory)',
        url: 'https://pta.kanta.fi/appointment/R4/capabilitystatement',
      },
      {
        title: 'HL7 FHIR R4: RESTful API, Managing Resource Contention (Bundle.entry.request.ifMatch)',
        url: 'https://hl7.org/fhir/R4/http.html#concurrency',
      },
    ],
    basis: 'published',
    modules: ['simulator/fhir/handlers/kanta-transaction.ts'],
  },
  {
    code: 'KANTASIM-000',
    channel: 'fhir',
    severity: 'error',
    element: '',
    messages: {
      fi: 'sääntöjen {name} tarkistusta ei voitu viedä loppuun tällä syötteellä ({err}); korjaa ensin muut havainnot',
      sv: 'reglerna {name} kunde inte slutföras för denna indata ({err}); rätta de andra fynden först',
      en: 'the {name} rules could not finish on this input ({err}); fix the other findings first',
    },
    sources: [{ title: 'kantasim: fhir.md', url: 'docs/fhir.md' }],
    basis: 'assumption',
    modules: ['simulator/fhir/validation/index.ts'],
  },
];
