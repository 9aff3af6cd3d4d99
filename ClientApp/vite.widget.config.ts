import { defineConfig } from 'vite';

/**
 * The embeddable chat widget: one small self-contained script, /widget.js, that any website loads with a script tag.
 * Built after the SPA into the same folder, so it must not empty it.
 */
export default defineConfig({
  publicDir: false,
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: '../WebApi/wwwroot',
    emptyOutDir: false,
    target: 'es2020',
    lib: {
      entry: 'widget/main.ts',
      formats: ['iife'],
      name: 'VirtuOpsWidget',
      fileName: () => 'widget.js',
    },
  },
});
