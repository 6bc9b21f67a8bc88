/**
 * kantasim's local test CA: a self-signed root kept in a directory (default `./data/ca`) that issues the
 * certificates a shared, multi-tenant kantasim trusts: organisation certificates shaped like the DVV
 * service certificates for social and health-care providers (sosiaali- ja terveydenhuollon
 * palvelinvarmenne, https://dvv.fi/en/service-certificates-social-welfare-and-health-care), the
 * operator certificate, the server's own certificate, and JSON Web Tokens signed with the CA key.
 *
 * Why a CA of its own: Kanta's organisations connect with TLS client authentication using a DVV
 * certificate; a vendor's system can only be tested unchanged against a simulator that does the same.
 * kantasim never talks to DVV, so it issues look-alike test certificates from a CA nobody else trusts.
 *
 * Where the organisation OID goes: the public DVV pages name the certificate type but kantasim has not
 * verified DVV's certificate description (varmennekuvaus) field by field. kantasim puts the
 * organisation's OID in the subject `serialNumber` attribute (2.5.4.5), the subject field X.520 defines
 * for an identifier of the named entity, with the organisation's name in `O` and `CN` (an assumption,
 * documented in docs/shared-mode.md). Both TLS usages (clientAuth, serverAuth) are set, as a
 * palvelinvarmenne serves both ends of a TLS connection.
 *
 * X.509 through `@peculiar/x509` over Node's WebCrypto; keys are ECDSA P-256 (PKCS#8 PEM).
 */
import { randomBytes, randomUUID, webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type * as X509 from '@peculiar/x509';
import type { JWTPayload } from 'jose';

// @peculiar/x509 and jose are loaded on first use (shared mode, `kantasim ca`), not when a server
// starts; x509 through require because identityOf is synchronous.
const require = createRequire(import.meta.url);
let x509lib: typeof X509 | undefined;
function x509(): typeof X509 {
  if (x509lib === undefined) {
    // @peculiar/x509's dependency injection needs the Reflect metadata polyfill loaded first.
    require('reflect-metadata');
    const lib = require('@peculiar/x509') as typeof X509;
    lib.cryptoProvider.set(webcrypto as unknown as Crypto);
    x509lib = lib;
  }
  return x509lib;
}

/** Where `kantasim ca` keeps its files unless told otherwise. */
export const DEFAULT_CA_DIR = './data/ca';

/** Subject OU that marks the operator certificate (the only caller allowed to change the registry). */
export const OPERATOR_UNIT = 'kantasim operator';

/** The `iss` of tokens kantasim's CA signs, and the `aud` they are for. */
export const TOKEN_ISSUER = 'kantasim-local-ca';
export const TOKEN_AUDIENCE = 'kantasim';

const ALG: EcKeyGenParams & EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const OID_PATTERN = /^[0-2](\.(0|[1-9][0-9]*)){2,}$/;

export interface IssuedFiles {
  cert: string;
  key: string;
  ca: string;
}

const caCertPath = (dir: string): string => join(dir, 'ca.crt');
const caKeyPath = (dir: string): string => join(dir, 'ca.key');

async function newKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509().PemConverter.encode(der, 'PRIVATE KEY');
}

function serial(): string {
  // A positive 16-byte serial number (the top bit cleared), unique enough for a test CA.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

/** X.520 attribute types by OID: names built as JSON need no escaping of commas in organisation names. */
const CN = '2.5.4.3';
const SERIAL_NUMBER = '2.5.4.5';
const C = '2.5.4.6';
const O = '2.5.4.10';
const OU = '2.5.4.11';

function dn(...parts: [string, string][]): X509.JsonName {
  return parts.map(([type, value]) => ({ [type]: [value] }));
}

/** Creates the CA in `dir`; refuses to overwrite one that is there. Returns the CA certificate path. */
export async function initCa(dir: string = DEFAULT_CA_DIR, name = 'kantasim local test CA'): Promise<string> {
  const root = resolve(dir);
  if (existsSync(caCertPath(root)))
    throw new Error(`a CA already exists in ${root}; use another --dir or remove it first`);
  mkdirSync(root, { recursive: true });
  const keys = await newKeys();
  const now = new Date();
  const cert = await x509().X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: dn([C, 'FI'], [O, 'kantasim'], [CN, name]),
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 10 * 365 * 86_400_000),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new (x509().BasicConstraintsExtension)(true, 0, true),
      new (x509().KeyUsagesExtension)(x509().KeyUsageFlags.keyCertSign | x509().KeyUsageFlags.cRLSign, true),
      await x509().SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  writeFileSync(caCertPath(root), cert.toString('pem') + '\n');
  writeFileSync(caKeyPath(root), (await keyPem(keys.privateKey)) + '\n', { mode: 0o600 });
  return caCertPath(root);
}

interface LoadedCa {
  dir: string;
  cert: X509.X509Certificate;
  key: CryptoKey;
}

async function loadCa(dir: string): Promise<LoadedCa> {
  const root = resolve(dir);
  if (!existsSync(caCertPath(root)) || !existsSync(caKeyPath(root)))
    throw new Error(`no CA in ${root}; create one with: kantasim ca init --dir ${dir}`);
  const cert = new (x509().X509Certificate)(readFileSync(caCertPath(root), 'utf8'));
  const der = x509().PemConverter.decodeFirst(readFileSync(caKeyPath(root), 'utf8'));
  const key = await webcrypto.subtle.importKey('pkcs8', der, ALG, true, ['sign']);
  return { dir: root, cert, key };
}

/** The CA certificate (PEM) clients and the server trust. */
export function readCaCertificate(dir: string = DEFAULT_CA_DIR): string {
  const path = caCertPath(resolve(dir));
  if (!existsSync(path)) throw new Error(`no CA in ${resolve(dir)}; create one with: kantasim ca init`);
  return readFileSync(path, 'utf8');
}

interface LeafSpec {
  subject: X509.JsonName;
  usages: ('clientAuth' | 'serverAuth')[];
  altNames?: X509.JsonGeneralName[];
  days: number;
}

async function issueLeaf(ca: LoadedCa, spec: LeafSpec): Promise<{ cert: string; key: string }> {
  const keys = await newKeys();
  const now = new Date();
  const extensions: X509.Extension[] = [
    new (x509().BasicConstraintsExtension)(false, undefined, true),
    new (x509().KeyUsagesExtension)(
      x509().KeyUsageFlags.digitalSignature | x509().KeyUsageFlags.keyAgreement,
      true,
    ),
    new (x509().ExtendedKeyUsageExtension)(
      spec.usages.map((u) =>
        u === 'clientAuth' ? x509().ExtendedKeyUsage.clientAuth : x509().ExtendedKeyUsage.serverAuth,
      ),
    ),
    await x509().SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509().AuthorityKeyIdentifierExtension.create(ca.cert, false),
  ];
  if (spec.altNames !== undefined && spec.altNames.length > 0)
    extensions.push(new (x509().SubjectAlternativeNameExtension)(spec.altNames));
  const cert = await x509().X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: spec.subject,
    issuer: ca.cert.subject,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + spec.days * 86_400_000),
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: ALG,
    extensions,
  });
  return { cert: cert.toString('pem') + '\n', key: (await keyPem(keys.privateKey)) + '\n' };
}

function save(ca: LoadedCa, base: string, issued: { cert: string; key: string }): IssuedFiles {
  const dir = join(ca.dir, 'issued');
  mkdirSync(dir, { recursive: true });
  const cert = join(dir, `${base}.crt`);
  const key = join(dir, `${base}.key`);
  writeFileSync(cert, issued.cert);
  writeFileSync(key, issued.key, { mode: 0o600 });
  return { cert, key, ca: caCertPath(ca.dir) };
}

/** Checks an organisation OID as the code server writes them (dotted numbers, no `urn:oid:`). */
export function checkOrganisationOid(oid: string): string {
  const bare = oid.replace(/^urn:oid:/, '');
  if (!OID_PATTERN.test(bare))
    throw new Error(`'${oid}' is not an OID (dotted numbers such as 1.2.246.10.12345678.10.0)`);
  return bare;
}

/** Issues an organisation certificate (the organisation OID in the subject serialNumber). */
export async function issueOrganisationCertificate(
  dir: string,
  options: { org: string; name?: string; days?: number },
): Promise<IssuedFiles> {
  const oid = checkOrganisationOid(options.org);
  const ca = await loadCa(dir);
  const name = options.name ?? `Organisation ${oid}`;
  const issued = await issueLeaf(ca, {
    subject: dn([C, 'FI'], [SERIAL_NUMBER, oid], [O, name], [CN, name]),
    usages: ['clientAuth', 'serverAuth'],
    days: options.days ?? 365,
  });
  return save(ca, `org-${oid}`, issued);
}

/** Issues the operator certificate: the registry's and the archive operator's identity. */
export async function issueOperatorCertificate(
  dir: string,
  options: { name?: string; days?: number } = {},
): Promise<IssuedFiles> {
  const ca = await loadCa(dir);
  const name = options.name ?? 'kantasim operator';
  const issued = await issueLeaf(ca, {
    subject: dn([C, 'FI'], [O, 'kantasim'], [OU, OPERATOR_UNIT], [CN, name]),
    usages: ['clientAuth'],
    days: options.days ?? 365,
  });
  return save(ca, 'operator', issued);
}

/** Issues the server's own certificate for these host names and addresses. */
export async function issueServerCertificate(
  dir: string,
  hosts: readonly string[] = ['localhost', '127.0.0.1', '::1'],
): Promise<{ cert: string; key: string; ca: string }> {
  const ca = await loadCa(dir);
  const first = hosts[0] ?? 'localhost';
  const issued = await issueLeaf(ca, {
    subject: dn([C, 'FI'], [O, 'kantasim'], [CN, first]),
    usages: ['serverAuth'],
    altNames: hosts.map((h) => (isIP(h) !== 0 ? { type: 'ip', value: h } : { type: 'dns', value: h })),
    days: 30,
  });
  return { ...issued, ca: readCaCertificate(dir) };
}

// ---------------------------------------------------------------- who a certificate names

export type CertificateIdentity =
  { kind: 'operator'; name: string } | { kind: 'organisation'; oid: string; name: string };

/**
 * Reads the caller out of a certificate kantasim's CA issued: the operator by its OU, an organisation by
 * the OID in its subject serialNumber. Undefined for a certificate that names neither.
 */
export function identityOf(certPem: string | Buffer): CertificateIdentity | undefined {
  const cert = new (x509().X509Certificate)(typeof certPem === 'string' ? certPem : new Uint8Array(certPem));
  const name = cert.subjectName;
  const first = (type: string): string | undefined => name.getField(type)[0];
  const cn = first(CN) ?? '';
  if (first(OU) === OPERATOR_UNIT) return { kind: 'operator', name: cn };
  const oid = first(SERIAL_NUMBER);
  if (oid !== undefined && OID_PATTERN.test(oid)) return { kind: 'organisation', oid, name: first(O) ?? cn };
  return undefined;
}

/** True when `certPem` was signed by the CA in `caPem` (used by tools; the TLS stack checks live peers). */
export function issuedBy(certPem: string, caPem: string): boolean {
  const cert = new NodeX509(certPem);
  return cert.checkIssued(new NodeX509(caPem)) && cert.verify(new NodeX509(caPem).publicKey);
}

// ---------------------------------------------------------------- tokens

/**
 * Signs a token for an organisation with the CA key (ES256). Kanta's "Kanta JSON Web Token" common
 * specification is not public in detail, so the claims are RFC 7519's registered ones: `iss`, `sub`
 * (the organisation OID), `aud`, `iat`, `exp`, `jti`.
 */
export async function issueToken(
  dir: string,
  options: ({ org: string } | { subject: string }) & { ttlSeconds?: number },
): Promise<string> {
  const oid = 'org' in options ? checkOrganisationOid(options.org) : options.subject;
  const keyPemText = readFileSync(caKeyPath(resolve(dir)), 'utf8');
  const { SignJWT, importPKCS8 } = await import('jose');
  const key = await importPKCS8(keyPemText, 'ES256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(oid)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 3600}s`)
    .setJti(randomUUID())
    .sign(key);
}

/** A verifier of tokens signed by the CA whose certificate is `caPem`. */
export async function tokenVerifier(caPem: string): Promise<(token: string) => Promise<JWTPayload>> {
  const spki = new NodeX509(caPem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const { importSPKI, jwtVerify } = await import('jose');
  const key = await importSPKI(spki, 'ES256');
  return async (token) =>
    (
      await jwtVerify(token, key, {
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        algorithms: ['ES256'],
        requiredClaims: ['sub', 'exp', 'iat'],
      })
    ).payload;
}
