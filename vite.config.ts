import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The dev server's React refresh preamble is an inline script, which the strict CSP in
 * renderer/index.html forbids. Only while serving in development, drop the CSP meta; the built
 * app (dist/, what the hosts serve) keeps it.
 */
function devWithoutCsp(): Plugin {
  return {
    name: 'siting:dev-without-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\s*/i, '');
    },
  };
}

export default defineConfig({
  root: 'renderer',
  // Relative asset URLs: the same build is served over http://127.0.0.1 and an Electron protocol.
  base: './',
  plugins: [react(), devWithoutCsp()],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    // MapLibre alone is ~1 MB minified; the app is offline and local, so one large chunk is fine.
    chunkSizeWarningLimit: 2500,
    sourcemap: true,
  },
  server: { host: '127.0.0.1' },
});
