// Bundles the slipway CLI (ESM, with lazily loaded chunks) so `npx slipway` starts without a TypeScript loader.
import { build } from 'esbuild';

await build({
  entryPoints: { slipway: 'packages/cli/src/main.ts' },
  outdir: 'packages/cli/dist',
  // Code behind dynamic imports (the AWS SDK) goes to chunks loaded only when used.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  // A native addon finds its compiled binary relative to its own files: it is loaded from node_modules.
  external: ['better-sqlite3'],
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: 'linked',
  minify: true,
  banner: {
    js: "import { createRequire as __slipwayRequire } from 'node:module'; const require = __slipwayRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
