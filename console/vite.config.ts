import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

// The console is served by the reference server at its root, from files in the server's jar: no CDN, no inline
// scripts (the server's content policy allows only its own files).
export default defineConfig({
  plugins: [react(), tailwindcss()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0, // a data: URL would need the policy to allow it
    sourcemap: false,
  },
  server: {
    // `npm run dev` beside a server on its default port: the API and the live stream go to it.
    proxy: {
      '/v1': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
  },
});
