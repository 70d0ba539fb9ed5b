import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry and the machine has 2 cores.
    maxWorkers: 2,
    pool: 'forks',
    // One module graph per worker, not per file: the app's imports (Fastify, zod, the PGlite engine) and
    // PGlite's compiled WebAssembly are loaded once per worker. The suite took 585 s isolated, 328 s not
    // (2026-12-07); every test builds its own app and database, so files share no state that matters.
    isolate: false,
  },
});
