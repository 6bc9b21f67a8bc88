/**
 * What Kanta (the simulator) answered, in one shape for both services: HTTP status, accepted or not,
 * and the finding codes with their messages. The hook hands this to the scenario as `kanta`.
 */
import type { OperationOutcome } from 'fhir/r4.js';
import { XMLParser } from 'fast-xml-parser';

export interface KantaFinding {
  code: string;
  severity: string;
  message: string;
}

export interface KantaAnswer {
  status: number;
  accepted: boolean;
  findings: KantaFinding[];
  /** FHIR: `Appointment/{id}/_history/{v}`; archive: the acknowledgement code (AA, AE, AR). */
  location?: string;
  acknowledgement?: string;
}

/** Error findings first, as `CODE: message; …` (what the hook's error message says). */
export function summarise(answer: KantaAnswer): string {
  const errors = answer.findings.filter((f) => f.severity === 'error' || f.severity === 'fatal');
  const shown = (errors.length > 0 ? errors : answer.findings).map((f) => `${f.code}: ${f.message}`);
  return `Kanta answered ${answer.status}${shown.length > 0 ? `: ${shown.join('; ')}` : ''}`;
}

const FINDING_SYSTEM = 'https://kantasim.fi/fhir/CodeSystem/finding';

/** Findings of an OperationOutcome: the code from `details.coding` (kantasim's system, else any). */
export function outcomeFindings(outcome: OperationOutcome | undefined): KantaFinding[] {
  return (outcome?.issue ?? []).map((issue) => {
    const codings = issue.details?.coding ?? [];
    const coding = codings.find((c) => c.system === FINDING_SYSTEM) ?? codings[0];
    return {
      code: coding?.code ?? issue.code,
      severity: issue.severity,
      message: issue.diagnostics ?? issue.details?.text ?? '',
    };
  });
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) => name === 'acknowledgementDetail',
});

interface AckDetail {
  '@typeCode'?: string;
  code?: { '@code'?: string };
  text?: string | { '#text'?: string };
  location?: string;
}

interface Ack {
  '@typeCode'?: string;
  acknowledgementDetail?: AckDetail[];
}

/**
 * Reads an HL7 V3 application acknowledgement (bare or in a SOAP Body): `acknowledgement/@typeCode`
 * AA/AE/AR and one `acknowledgementDetail` per finding (typeCode E/W/I, `code/@code`, `text`). The
 * message is found by its `acknowledgement` element, not by its root's name: the simulator names the
 * root after the wrapper Kanta's HL7 V3 guide gives (`MCCI_HD000300UV01`), while Kanta's messages name
 * it after their interaction.
 */
export function readAcknowledgement(status: number, text: string): KantaAnswer {
  let ack: Ack | undefined;
  try {
    const doc = xml.parse(text) as Record<string, unknown>;
    const envelope = doc.Envelope as { Body?: Record<string, unknown> } | undefined;
    const message = Object.values(envelope?.Body ?? doc).find(
      (v): v is { acknowledgement: Ack } => typeof v === 'object' && v !== null && 'acknowledgement' in v,
    );
    ack = message?.acknowledgement;
  } catch {
    ack = undefined;
  }
  if (ack === undefined)
    return {
      status,
      accepted: false,
      findings: [{ code: 'NO-ACK', severity: 'fatal', message: text.slice(0, 300) }],
    };
  const severity = { E: 'error', W: 'warning', I: 'information' } as const;
  const findings = (ack.acknowledgementDetail ?? []).map((d): KantaFinding => {
    const type = (d['@typeCode'] ?? 'E') as keyof typeof severity;
    const message = typeof d.text === 'string' ? d.text : (d.text?.['#text'] ?? '');
    return { code: d.code?.['@code'] ?? '?', severity: severity[type], message };
  });
  const code = ack['@typeCode'] ?? 'AR';
  return { status, accepted: code === 'AA', findings, acknowledgement: code };
}
