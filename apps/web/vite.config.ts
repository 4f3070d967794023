import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is served by `mamori serve` from dist/; hashed file names let the server cache assets for a year.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
    // The preload polyfill would be an inline script, which the Content-Security-Policy refuses.
    modulePreload: { polyfill: false },
  },
});
