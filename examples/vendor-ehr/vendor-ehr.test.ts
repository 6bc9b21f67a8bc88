import { describe, expect, it } from 'vitest';
import { FAULTS, parseFault } from './faults.ts';
import { outcomeFindings, readAcknowledgement, summarise } from './kanta-answer.ts';
import { tilaFor } from './kanta-fhir.ts';

const ACK = `<?xml version="1.0" encoding="UTF-8"?>
<MCCI_HD000300UV01 xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0">
<acknowledgement typeCode="AE">
<targetMessage><id root="1.2.3"/></targetMessage>
<acknowledgementDetail typeCode="E"><code code="CDA-REG-004" codeSystem="2.25.1"/><text>notify Kela &amp; co</text><location>/x</location></acknowledgementDetail>
<acknowledgementDetail typeCode="W"><code code="CDA-MSG-012" codeSystem="2.25.1"/><text>no reasonCode</text><location>/y</location></acknowledgementDetail>
</acknowledgement>
</MCCI_HD000300UV01>`;

describe('reading Kanta answers', () => {
  it('reads an HL7 V3 acknowledgement: code, findings with severity and text', () => {
    const a = readAcknowledgement(422, ACK);
    expect(a.accepted).toBe(false);
    expect(a.acknowledgement).toBe('AE');
    expect(a.findings).toEqual([
      { code: 'CDA-REG-004', severity: 'error', message: 'notify Kela & co' },
      { code: 'CDA-MSG-012', severity: 'warning', message: 'no reasonCode' },
    ]);
    expect(summarise(a)).toBe('Kanta answered 422: CDA-REG-004: notify Kela & co');
  });

  it('reads an acknowledgement inside a SOAP envelope, and AA as accepted', () => {
    const soap = `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>${ACK.replace('<?xml version="1.0" encoding="UTF-8"?>', '').replace('typeCode="AE"', 'typeCode="AA"')}</s:Body></s:Envelope>`;
    const a = readAcknowledgement(201, soap);
    expect(a.accepted).toBe(true);
    expect(a.acknowledgement).toBe('AA');
  });

  it('finds the acknowledgement under whatever interaction names the root (as in the guide example)', () => {
    const a = readAcknowledgement(422, ACK.replaceAll('MCCI_HD000300UV01', 'PRPA_IN110001FI01'));
    expect(a.acknowledgement).toBe('AE');
    expect(a.findings.map((f) => f.code)).toEqual(['CDA-REG-004', 'CDA-MSG-012']);
  });

  it('reports an answer that is not an acknowledgement as NO-ACK, not as accepted', () => {
    const a = readAcknowledgement(502, 'Bad gateway');
    expect(a.accepted).toBe(false);
    expect(a.findings[0]?.code).toBe('NO-ACK');
  });

  it("takes finding codes from an OperationOutcome's kantasim coding", () => {
    expect(
      outcomeFindings({
        resourceType: 'OperationOutcome',
        issue: [
          {
            severity: 'error',
            code: 'processing',
            diagnostics: 'status disagrees',
            details: {
              coding: [{ system: 'https://kantasim.fi/fhir/CodeSystem/finding', code: 'FI-SCHED-053' }],
            },
          },
        ],
      }),
    ).toEqual([{ code: 'FI-SCHED-053', severity: 'error', message: 'status disagrees' }]);
  });
});

describe('fault modes', () => {
  it('parses known faults, none, and refuses unknown ones with the list', () => {
    expect(parseFault(undefined)).toBeUndefined();
    expect(parseFault('none')).toBeUndefined();
    expect(parseFault('stale-version')).toBe('stale-version');
    expect(() => parseFault('typo')).toThrow(/known: wrong-status-mapping/);
    expect(Object.keys(FAULTS).length).toBeGreaterThanOrEqual(6);
  });

  it('maps a cancellation to tila 4, or (wrong-status-mapping) leaves it at 3', () => {
    expect(tilaFor('booked', undefined)).toBe('3');
    expect(tilaFor('cancelled', undefined)).toBe('4');
    expect(tilaFor('cancelled', 'wrong-status-mapping')).toBe('3');
  });
});
