#!/usr/bin/env node
// The `commonground` command runs the compiled CLI; in a fresh clone that needs one build.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('commonground: not built yet: run `npm run build` in the project folder first\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
