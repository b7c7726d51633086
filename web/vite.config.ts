/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { mockApi } from './mock/mock-api.ts';

// `npm run dev` proxies /api to the C++ server on 127.0.0.1:8080 (override with PARINDEX_API);
// `npx vite --mode mock` answers /api from the fixtures in src/__fixtures__ instead.
export default defineConfig(({ mode }) => ({
  base: '/',
  plugins: [react(), ...(mode === 'mock' ? [mockApi()] : [])],
  server: {
    host: '127.0.0.1',
    proxy:
      mode === 'mock'
        ? undefined
        : { '/api': { target: process.env.PARINDEX_API ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
}));
