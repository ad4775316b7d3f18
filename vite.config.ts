import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The web app (web/) builds into dist/web, which the server serves on the same port. */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: '../dist/web', emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
