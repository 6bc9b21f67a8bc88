import { describeFhirContract } from '../fhir.contract.ts';
import { openSqliteStore } from './index.ts';

describeFhirContract('SQLite :memory:', () => Promise.resolve(openSqliteStore(':memory:')));
