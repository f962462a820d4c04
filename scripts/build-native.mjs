#!/usr/bin/env node
// Builds the in-house model's native kernels (native/kernels.cc → native/build/Release/
// satprep_kernels.node) with node-gyp against this Node's own headers: nothing is downloaded.
// Run by `npm install` / `npm ci` (postinstall) and `npm run build:native`. The addon is an
// optimisation: where it cannot be built (no AVX2/FMA, no compiler) the model runs on its
// WebAssembly SIMD kernels, and this says so and exits 0 — unless `--strict` (CI), which fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const strict = process.argv.includes('--strict');
const done = (ok, msg) => {
  console.log(`native kernels: ${msg}`);
  process.exit(ok || !strict ? 0 : 1);
};

if (process.env.SATPREP_SKIP_NATIVE === '1') done(true, 'skipped (SATPREP_SKIP_NATIVE=1); the model uses WebAssembly SIMD');
// The kernels are compiled for AVX2 + FMA; elsewhere they would fault with an illegal instruction.
const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
if (process.arch !== 'x64' || !/\bavx2\b/.test(cpuinfo) || !/\bfma\b/.test(cpuinfo)) {
  done(false, `not built: needs x86-64 with AVX2 and FMA (${process.arch}); the model uses WebAssembly SIMD`);
}

let gyp;
try {
  gyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
} catch {
  done(false, 'not built: node-gyp is not installed (npm ci installs it); the model uses WebAssembly SIMD');
}
// Node's own headers (Debian's nodejs ships them in /usr/include/node): no header download.
const prefix = path.resolve(path.dirname(process.execPath), '..');
const nodedir = existsSync(path.join(prefix, 'include/node/node_api.h')) ? ['--nodedir', prefix] : [];
const t0 = Date.now();
const r = spawnSync(process.execPath, [gyp, 'rebuild', '--directory', path.join(root, 'native'), ...nodedir], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
if (r.status !== 0) {
  process.stderr.write(r.stdout + r.stderr);
  done(false, 'build FAILED (output above); the model uses WebAssembly SIMD');
}
// Load it once here, so a build that cannot load fails now rather than at first use.
try {
  const addon = createRequire(import.meta.url)(path.join(root, 'native/build/Release/satprep_kernels.node'));
  done(true, `built in ${((Date.now() - t0) / 1000).toFixed(1)} s (AVX2 + FMA, ${addon.threads()} threads)`);
} catch (err) {
  done(false, `built but does not load (${err.message}); the model uses WebAssembly SIMD`);
}
