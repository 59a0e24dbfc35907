import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts a worker thread on a script next to `base` (pass `import.meta.url`), named without its
 * extension: the compiled `.js` when there is one, or else the `.ts` source through tsx's loader
 * (tests, the benchmark), which Node 20 does not pass on to workers.
 */
export function startWorker(base: string, name: string, workerData: unknown): Worker {
  const compiled = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData });
  // The package's ESM entry, resolved from here rather than from the worker's working directory.
  const loader = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const source = new URL(`./${name}.ts`, base).href;
  const boot = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
