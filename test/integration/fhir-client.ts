/**
 * fhir-kit-client with @types/fhir resources in and `unknown` out, so tests cast answers to the R4 type
 * they expect (the client's own `FhirResource` type does not overlap with @types/fhir).
 */
import { Client, type FhirResource, type RequestOptions } from 'fhir-kit-client';

const asResource = (body: unknown): FhirResource => body as FhirResource;

export class FhirTestClient {
  readonly raw: Client;

  constructor(baseUrl: string) {
    this.raw = new Client({ baseUrl });
  }

  transaction(p: { body: unknown }): Promise<unknown> {
    return this.raw.transaction({ body: asResource(p.body) });
  }
  batch(p: { body: unknown }): Promise<unknown> {
    return this.raw.batch({ body: asResource(p.body) });
  }
  create(p: { resourceType: string; body: unknown; options?: RequestOptions }): Promise<unknown> {
    return this.raw.create({ ...p, body: asResource(p.body) });
  }
  update(p: { resourceType: string; id: string; body: unknown; options?: RequestOptions }): Promise<unknown> {
    return this.raw.update({ ...p, body: asResource(p.body) });
  }
  read(p: { resourceType: string; id: string }): Promise<unknown> {
    return this.raw.read(p);
  }
  vread(p: { resourceType: string; id: string; version: string }): Promise<unknown> {
    return this.raw.vread(p);
  }
  delete(p: { resourceType: string; id: string }): Promise<unknown> {
    return this.raw.delete(p);
  }
  history(p: { resourceType?: string; id?: string }): Promise<unknown> {
    return this.raw.history(p);
  }
  search(p: {
    resourceType: string;
    searchParams: Record<string, string>;
    options?: RequestOptions;
  }): Promise<unknown> {
    return this.raw.search(p);
  }
  nextPage(p: { bundle: unknown }): Promise<unknown> {
    return (
      this.raw.nextPage({
        bundle: p.bundle as FhirResource & { link: { relation: string; url: string }[] },
      }) ?? Promise.resolve(undefined)
    );
  }
  request(
    url: string,
    p: { method: 'GET' | 'POST'; body?: string; options?: RequestOptions },
  ): Promise<unknown> {
    return this.raw.request(url, p);
  }
  capabilityStatement(): Promise<unknown> {
    return this.raw.capabilityStatement();
  }
}
