/**
 * A social-welfare organisation of the fixtures (fixtures/cda/social.ts) registers itself over HTTP, as a
 * new user of the Client Data Repository does: the organisation, its unit, a certified system and its
 * customer data (social-welfare, phase-1 and phase-2 document groups, service task 24, the organisation
 * OID as its connection point).
 */
import { SOCIAL_ORGANISATIONS, type SocialOrganisation } from '../../fixtures/cda/index.ts';

export async function registerSocialCustomer(
  base: string,
  org: SocialOrganisation = SOCIAL_ORGANISATIONS.pohjola,
): Promise<void> {
  const system = `sosiaali360-${org.oid}`;
  const send = async (method: string, path: string, body: unknown): Promise<void> => {
    const res = await fetch(`${base}${path}`, {
      method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };
  await send('POST', '/registry/organisations', {
    oid: org.oid,
    name: org.name,
    kind: 'organisation',
    public: true,
  });
  if (org.unit)
    await send('POST', '/registry/organisations', {
      oid: org.unit.oid,
      name: org.unit.name,
      kind: 'service-unit',
      partOf: org.oid,
      public: true,
    });
  await send('POST', '/registry/systems', {
    id: system,
    vendor: 'Asiakastieto Oy',
    product: 'Sosiaali360',
    version: '4.2.0',
    category: 'A',
    certifiedFor: ['social-welfare'],
  });
  await send('PUT', `/registry/customers/${org.oid}`, {
    serviceDescriptionAccepted: true,
    system,
    connectionPoints: [{ id: org.oid, operator: org.name, announcedAt: '2026-06-01' }],
    services: ['social-welfare'],
    documentGroups: ['phase1', 'phase2'],
    serviceTasks: ['24'],
  });
}
