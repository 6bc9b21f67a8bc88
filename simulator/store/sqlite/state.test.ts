import { describeStateContract } from '../state.contract.ts';
import { openSqliteStore } from './index.ts';

describeStateContract('SQLite :memory:', () => Promise.resolve(openSqliteStore(':memory:')));
