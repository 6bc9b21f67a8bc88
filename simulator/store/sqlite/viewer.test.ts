import { describeViewerContract } from '../viewer.contract.ts';
import { openSqliteStore } from './index.ts';

describeViewerContract('SQLite :memory:', () => Promise.resolve(openSqliteStore(':memory:')));
