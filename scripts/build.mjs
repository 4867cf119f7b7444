// Bundles the client, the server and the command line with esbuild (CommonJS for Node).
import { build } from 'esbuild';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // ESM-only dependencies (unified, remark) are bundled; only the editor API stays outside.
  mainFields: ['module', 'main'],
};

const started = Date.now();
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js' }),
  // The server's cold index runs it on worker threads, from next to dist/server.js (in the .vsix).
  build({ ...common, entryPoints: ['server/src/node/indexWorker.ts'], outfile: 'dist/indexWorker.js' }),
  // `okr check` loads it from next to dist/cli.js (server/src/node/checkPool.ts); not in the .vsix.
  build({ ...common, entryPoints: ['server/src/node/checkWorker.ts'], outfile: 'dist/checkWorker.js' }),
]);
console.log(`built dist/ in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
