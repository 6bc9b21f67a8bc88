/**
 * `/registry`: the code-server, Extranet, certified-system and test-ID mocks as a JSON API.
 * Every error answers `{ "error": { "code", "message", "path" } }` with 400, 404 or 409.
 */
import { Router, type Request } from 'express';
import type { Logger } from '../logger.ts';
import { badRequest, jsonErrorHandler, notFound } from '../http/errors.ts';
import { jsonBody } from '../http/json-body.ts';
import { operatorWrites } from '../http/guards.ts';
import type { Store } from '../store/types.ts';
import {
  checkAddTestPersons,
  checkArchivist,
  checkCustomer,
  checkIssue,
  checkOrganisation,
  checkSystem,
} from './schemas.ts';
import { publicArchivist, type RegistryService } from './service.ts';
import type { OrganisationKind } from '../domain/registry.ts';

const KINDS: readonly OrganisationKind[] = ['organisation', 'service-unit', 'register-controller'];

function queryValue(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest('invalid-parameter', `give '${name}' once`, name);
  return value;
}

export function registryRoutes(
  service: RegistryService,
  store: Store,
  logger: Logger,
  options: { passcodeRequired?: boolean } = {},
): Router {
  const router = Router();
  router.use(jsonBody('2mb'));
  // Shared (TLS) mode: the registries are the operator's; an organisation's certificate only reads them.
  router.use(operatorWrites('the registry'));

  router.post('/organisations', async (req, res) => {
    const { org } = await service.putOrganisation(checkOrganisation(req.body), false);
    res.status(201).location(`/registry/organisations/${org.oid}`).json(org);
  });
  router.put('/organisations/:oid', async (req, res) => {
    // The URL names the organisation: a body without `oid` takes it from there, one naming another is refused.
    const raw: unknown = req.body;
    const given =
      typeof raw === 'object' && raw !== null && !Array.isArray(raw) && !('oid' in raw)
        ? { oid: req.params.oid, ...raw }
        : raw;
    const body = checkOrganisation(given);
    if (body.oid !== req.params.oid)
      throw badRequest(
        'invalid-body',
        `body oid ${body.oid} differs from the URL's ${req.params.oid}`,
        '/oid',
      );
    const { created, org } = await service.putOrganisation(body, true);
    res.status(created ? 201 : 200).json(org);
  });
  router.get('/organisations', async (req, res) => {
    const kind = queryValue(req, 'kind');
    if (kind !== undefined && !KINDS.includes(kind as OrganisationKind))
      throw badRequest('invalid-parameter', `'kind' must be one of ${KINDS.join(', ')}`, 'kind');
    const partOf = queryValue(req, 'partOf');
    res.json(
      await store.registry.listOrganisations({
        ...(kind !== undefined && { kind: kind as OrganisationKind }),
        ...(partOf !== undefined && { partOf }),
      }),
    );
  });
  router.get('/organisations/:oid', async (req, res) => {
    res.json(await service.getOrganisation(req.params.oid));
  });

  router.post('/systems', async (req, res) => {
    const system = await service.addSystem(checkSystem(req.body));
    res.status(201).location(`/registry/systems/${system.id}`).json(system);
  });
  router.get('/systems', async (_req, res) => {
    res.json(await store.registry.listSystems());
  });
  router.get('/systems/:id', async (req, res) => {
    res.json(await service.getSystem(req.params.id));
  });

  router.put('/customers/:orgOid', async (req, res) => {
    const { created, customer } = await service.putCustomer(req.params.orgOid, checkCustomer(req.body));
    res.status(created ? 201 : 200).json(customer);
  });
  router.get('/customers', async (_req, res) => {
    res.json(await store.registry.listCustomers());
  });
  router.get('/customers/:orgOid', async (req, res) => {
    res.json(await service.getCustomer(req.params.orgOid));
  });

  router.post('/test-persons', async (req, res) => {
    res.status(201).json(await service.addTestPersons(checkAddTestPersons(req.body).codes));
  });
  router.post('/test-persons/issue', async (req, res) => {
    res.status(201).json({ issued: await service.issueTestPersons(checkIssue(req.body)) });
  });
  router.get('/test-persons', async (req, res) => {
    const issued = queryValue(req, 'issued');
    if (issued !== undefined && issued !== 'true' && issued !== 'false')
      throw badRequest('invalid-parameter', "'issued' must be true or false", 'issued');
    const customer = queryValue(req, 'customer');
    const vendor = queryValue(req, 'vendor');
    res.json(
      await store.registry.listTestPersons({
        ...(customer !== undefined && { customer }),
        ...(vendor !== undefined && { vendor }),
        ...(issued !== undefined && { issued: issued === 'true' }),
      }),
    );
  });
  router.get('/test-persons/:hetu', async (req, res) => {
    res.json(await service.getTestPerson(req.params.hetu));
  });

  // Archivist accounts (viewer sign-in). POST creates or replaces (the id is the user name).
  router.post('/archivists', async (req, res) => {
    const body = checkArchivist(req.body);
    // Shared mode: an account anyone could sign in to would show a register to every vendor.
    if (options.passcodeRequired === true && typeof (body.passcode as unknown) !== 'string')
      throw badRequest(
        'passcode-required',
        'this kantasim runs in shared mode: give the archivist a passcode (8 characters or more) in "passcode"',
        '/passcode',
      );
    const { created, archivist } = await service.putArchivist(body);
    res
      .status(created ? 201 : 200)
      .location(`/registry/archivists/${archivist.id}`)
      .json(archivist);
  });
  router.get('/archivists', async (req, res) => {
    const registerController = queryValue(req, 'registerController');
    const list = await store.registry.listArchivists(
      registerController === undefined ? {} : { registerController },
    );
    res.json(list.map(publicArchivist));
  });
  router.get('/archivists/:id', async (req, res) => {
    res.json(await service.getArchivist(req.params.id));
  });

  router.get('/readiness/:orgOid', async (req, res) => {
    res.json(await service.readiness(req.params.orgOid));
  });

  router.use((req) => {
    throw notFound(`no registry endpoint ${req.method} /registry${req.path}`, '');
  });
  router.use(jsonErrorHandler(logger));
  return router;
}
