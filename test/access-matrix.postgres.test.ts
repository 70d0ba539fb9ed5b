import { describe, it } from 'vitest';
import { ENGINES } from './engines.ts';
import { accessMatrix } from './access-matrix.suite.ts';

const postgres = ENGINES.find((e) => e.name === 'postgres');
if (postgres) accessMatrix(postgres);
else describe('Access matrix on PostgreSQL', () => it.skip('PostgreSQL at 127.0.0.1:5432 is not reachable', () => undefined));
