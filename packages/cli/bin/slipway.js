#!/usr/bin/env node
// The installed entry point: runs the esbuild bundle made by `npm run build` (run by `npm ci`).
import('../dist/slipway.js').catch((error) => {
  if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('slipway.js')) {
    process.stderr.write('slipway: the CLI bundle is missing; run `npm run build` at the repository root\n');
    process.exit(2);
  }
  throw error;
});
