#!/usr/bin/env node
// The kubectl the manifest tests render deploy/k8s with (`kubectl kustomize`): SSS_KUBECTL, else `kubectl` on PATH.
// The manifests use kustomize v4+ syntax (`resources` naming folders, `patches`, `labels`), so its built-in
// kustomize must be v4 or newer. Debian's own package (kubernetes-client, kubectl 1.20 with kustomize v2.0.3)
// cannot render them, so nothing is installed here: the one line says what to provide instead.
// `node scripts/ensure-kubectl.js` prints the path it settles on.
'use strict';
const { spawnSync } = require('node:child_process');
const { DependencyMissing, orExit } = require('./system-package');

const MIN_KUSTOMIZE_MAJOR = 4;
const HOW = 'install kubectl 1.21 or newer (its kustomize is v4+) on PATH, or point SSS_KUBECTL at one';

/** @returns {string} the kubectl to run; throws DependencyMissing when there is none with a recent enough kustomize */
function ensureKubectl(env = process.env) {
  const kubectl = env.SSS_KUBECTL || 'kubectl';
  const run = spawnSync(kubectl, ['version', '--client'], { encoding: 'utf8' });
  if (run.error) throw new DependencyMissing(`Kubernetes manifest tests: no ${kubectl} (${run.error.code ?? run.error.message}); ${HOW}`);
  const version = /Kustomize Version: v?(\d+)\.\d+\.\d+/.exec(run.stdout);
  if (!version || Number(version[1]) < MIN_KUSTOMIZE_MAJOR) {
    throw new DependencyMissing(
      `Kubernetes manifest tests: ${kubectl} reports ${version ? `kustomize v${version[1]}` : 'no kustomize version'}, v${MIN_KUSTOMIZE_MAJOR}+ is needed; ${HOW}`,
    );
  }
  return kubectl;
}

module.exports = { ensureKubectl };

if (require.main === module) console.log(orExit(() => ensureKubectl()));
