import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The preference center: a static build the gateway serves at `/`, talking only to `/graphql`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  // Always React's production build, even when built from a test run (NODE_ENV=test).
  mode: 'production',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  oxc: { jsx: { runtime: 'automatic', development: false } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // No inline scripts: the gateway's Content-Security-Policy allows scripts from this origin only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // The staff console (/staff) is a page of its own: customers never load its code.
    rollupOptions: { input: { main: 'index.html', staff: 'staff.html' } },
  },
});
