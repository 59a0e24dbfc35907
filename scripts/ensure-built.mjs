// `npm start` runs the compiled server; build only when a build is missing (normally `prepare`
// built it during `npm install`), never on every start.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

if (!existsSync('dist/server/main.js') || !existsSync('dist/web/index.html')) {
  process.stderr.write('No build found: building once (npm run build)…\n');
  execSync('npm run build', { stdio: 'inherit' });
}
