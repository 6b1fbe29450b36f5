import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The preference center: a static build the gateway serves at `/`, talking only to `/graphql`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // No inline scripts: the gateway's Content-Security-Policy allows scripts from this origin only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
