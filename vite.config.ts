import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { shippedLicences } from './build/licences.js';

const LICENCES_MODULE = 'virtual:licences';

/** "About" lists the shipped dependencies' licences, read from package-lock.json at build time. */
function licences(): Plugin {
  return {
    name: 'inbox-guard-licences',
    resolveId: (id) => (id === LICENCES_MODULE ? `\0${LICENCES_MODULE}` : null),
    load: (id) =>
      id === `\0${LICENCES_MODULE}`
        ? `export default ${JSON.stringify(shippedLicences(fileURLToPath(new URL('.', import.meta.url))))};`
        : null,
  };
}

// The renderer is one static bundle, loaded from file:// by Electron and from
// the serve mode's HTTP server: relative asset paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), licences()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true },
});
