/**
 * "Who, with which system": the organisation under test, its register controllers and its certified
 * system, read from the simulator's registry for the deployment-test report.
 */
import type { CertifiedSystem, Customer, Organisation } from '../simulator/domain/registry.ts';
import type { SimulatorClient } from './http.ts';
import type { OrganisationInfo } from './types.ts';

export async function organisationInfo(sim: SimulatorClient, oid: string): Promise<OrganisationInfo> {
  const info: OrganisationInfo = { oid };
  const notes: string[] = [];
  try {
    const org = await sim.getJson<Organisation>(`/registry/organisations/${encodeURIComponent(oid)}`);
    info.name = org.name;
    const controllers = await sim.getJson<Organisation[]>(
      `/registry/organisations?kind=register-controller&partOf=${encodeURIComponent(oid)}`,
    );
    info.registerControllers = controllers.map((c) => ({ oid: c.oid, name: c.name }));
  } catch (e) {
    notes.push((e as Error).message);
  }
  try {
    const customer = await sim.getJson<Customer>(`/registry/customers/${encodeURIComponent(oid)}`);
    info.services = customer.services;
    const system = await sim.getJson<CertifiedSystem>(
      `/registry/systems/${encodeURIComponent(customer.system)}`,
    );
    info.system = {
      id: system.id,
      vendor: system.vendor,
      product: system.product,
      version: system.version,
      category: system.category,
    };
  } catch (e) {
    notes.push((e as Error).message);
  }
  if (notes.length > 0) info.note = notes.join('; ');
  return info;
}
