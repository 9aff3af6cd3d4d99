import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The .NET WebApi listens here in development (see WebApi launch settings).
const backendUrl = process.env.VIRTUOPS_API_URL ?? 'http://localhost:5080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': backendUrl,
      '/swagger': backendUrl,
      '/health': backendUrl,
      '/hubs': { target: backendUrl, ws: true }, // SignalR upgrades to WebSockets
    },
  },
  build: {
    // The WebApi serves the built SPA from wwwroot with a fallback to index.html.
    outDir: '../WebApi/wwwroot',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: their own chunk stays cached across releases.
        codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    mockReset: true,
    testTimeout: 15000,
  },
});
