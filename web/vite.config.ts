// The web app's build: React, split by route; `#shared/*` resolves to the server's shared code, so
// the client is typed (and forms validate) by the very contracts the handlers use.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const shared = fileURLToPath(new URL('../shared/', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: { alias: [{ find: /^#shared\/(.*)$/, replacement: `${shared}$1` }] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  // `npm run dev:web`: hot reload against a running `npm start` (API_URL, default port 3000).
  server: { port: 5173, proxy: { '/v1': process.env.API_URL ?? 'http://127.0.0.1:3000' } },
});
