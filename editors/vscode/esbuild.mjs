// Bundles the extension (and its vscode-free options module, for node --test)
// into dist/ as CommonJS for VS Code's Node extension host.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
await esbuild.build({
  entryPoints: { extension: 'src/extension.ts', serverOptions: 'src/serverOptions.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
});
