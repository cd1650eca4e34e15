import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The browser bundle: React + Ant Design + ECharts, and the project's pure core (template, check
// rules, render model) imported from ../src so the form runs exactly the server's checks.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
