/**
 * The web app's build: React, split by page (React.lazy), written where the API's web
 * plugin serves it from. `npm run web:dev` serves it with hot reload and proxies the API.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { WEB_DIST_DIR } from '../src/api/plugins/web.ts';

/** First path segments the API answers; the dev server forwards them to `npm start`'s port. */
const API_PREFIXES = [
  'auth', 'practice', 'diagnostic', 'review', 'lessons', 'links', 'students', 'account', 'ai_data', 'jobs',
  'health', 'docs', 'progress', 'study_plan', 'community', 'full_test', 'ai_tutor', 'sync', 'api', 'admin',
];
const api = process.env.SATPREP_API ?? 'http://127.0.0.1:3000';

export default defineConfig(({ command }) => ({
  root: import.meta.dirname,
  // A build is for production even when run under NODE_ENV=test (the browser tests build it).
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  plugins: [react()],
  build: {
    outDir: WEB_DIST_DIR,
    emptyOutDir: true,
    target: 'es2022',
    // KaTeX's fonts stay files (cached for a year) rather than inflating the CSS.
    assetsInlineLimit: 0,
    rolldownOptions: {
      // KaTeX (≈ 80 KB gzipped) gets its own chunk, loaded only by pages that show questions.
      output: { codeSplitting: { groups: [{ name: 'katex', test: /node_modules[\\/]katex/ }] } },
    },
  },
  server: {
    proxy: Object.fromEntries(API_PREFIXES.map((p) => [`^/${p}(/|$)`, { target: api, ws: p === 'ai_tutor' }])),
  },
}));
