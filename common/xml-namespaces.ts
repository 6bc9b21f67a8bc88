/**
 * The XML namespaces kantasim reads and writes, and the one prefix table every XPath evaluation uses.
 *
 * Scenario checks (the runner's `xpath:` selectors) and the archivist viewer's `xpath:` compare fields
 * evaluate the same expressions over the same stored CDA documents, so they must agree on what `hl7:`,
 * `cda:` or `hl7fi:` mean. The table lives in `common/` (a leaf both the runner and the simulator import
 * at run time) so that there is exactly one. `cda:` and `v3:` are aliases of `hl7:` because scenario
 * authors write all three for the CDA R2 namespace.
 */

/** HL7 version 3 (CDA R2 and the Medical Records messages). */
export const HL7_V3_NS = 'urn:hl7-org:v3';
/** HL7 Finland's local CDA header extensions (`hl7fi:localHeader`). */
export const HL7_FI_NS = 'urn:hl7finland';
/** XML Schema instance (`xsi:type`). */
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Prefix → namespace for XPath 1.0 over CDA documents and their message envelopes. */
export const XPATH_NAMESPACES: Readonly<Record<string, string>> = Object.freeze({
  hl7: HL7_V3_NS,
  cda: HL7_V3_NS,
  v3: HL7_V3_NS,
  hl7fi: HL7_FI_NS,
  xsi: XSI_NS,
});
