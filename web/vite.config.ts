import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web UI's build (web/dist, served by `palisade serve`) and dev server (`npx vite web`, with
// the API proxied to a `palisade serve` on :8080 so cookies stay same-origin).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
