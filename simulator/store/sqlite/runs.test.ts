import { describeRunsContract } from '../runs.contract.ts';
import { openSqliteStore } from './index.ts';

describeRunsContract('SQLite :memory:', () => Promise.resolve(openSqliteStore(':memory:')));
