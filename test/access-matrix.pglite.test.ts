import { ENGINES } from './engines.ts';
import { accessMatrix } from './access-matrix.suite.ts';

accessMatrix(ENGINES.find((e) => e.name === 'pglite')!);
