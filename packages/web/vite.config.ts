import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const coreSrc = fileURLToPath(new URL('../core/src/', import.meta.url));

/**
 * @keping/core is TypeScript source written NodeNext style (`./uscc.js` means `./uscc.ts`).
 * Vite maps these on its own for TS importers; this keeps it working if that ever changes.
 */
function coreJsToTs(): Plugin {
  return {
    name: 'keping-core-js-to-ts',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !importer.startsWith(coreSrc) || !source.startsWith('.') || !source.endsWith('.js')) return null;
      const candidate = fileURLToPath(new URL(source.replace(/\.js$/, '.ts'), `file://${importer}`));
      return existsSync(candidate) ? candidate : null;
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [coreJsToTs(), react()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
