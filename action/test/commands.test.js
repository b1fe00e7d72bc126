// The command lines the action builds for dotnet and ksail, and how it reads ksail's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { cacheKey, installArgs, PACKAGE_ID, toolDirectory } from '../src/install.js';
import { createArgs, errorLines, parseCreated, progressLines, timedSteps } from '../src/create.js';
import { infoArgs, kubeconfigArgs, kubeconfigFile, parseInfo, parseKubeconfig } from '../src/outputs.js';
import { deleteArgs } from '../src/post.js';
import { importArgs } from '../src/import.js';
import { workloadArgs } from '../src/workload.js';
import { readInputs } from '../src/inputs.js';

test('install: the latest KSail.Cli, or a pinned version (downgrade allowed), from an extra feed', () => {
  assert.equal(PACKAGE_ID, 'KSail.Cli');
  assert.deepEqual(installArgs({ version: '', source: '' }), ['tool', 'update', '--global', 'KSail.Cli']);
  assert.deepEqual(installArgs({ version: '0.1.0', source: '/tmp/feed' }),
    ['tool', 'update', '--global', 'KSail.Cli', '--version', '0.1.0', '--allow-downgrade', '--add-source', '/tmp/feed']);
  assert.equal(toolDirectory('/home/runner'), path.join('/home/runner', '.dotnet', 'tools'));
  assert.equal(cacheKey('', 'linux', 'x64'), '');
  assert.equal(cacheKey('0.1.0', 'linux', 'x64'), 'ksail-tool-linux-x64-0.1.0');
});

test('create: config always, name, distribution, local registry and wait (as --timeout) when given, extra args last', () => {
  assert.deepEqual(createArgs(readInputs(() => '')), ['cluster', 'create', '--config', 'ksail.yaml']);
  const inputs = readInputs((n) => ({ config: 'ci/ksail.yaml', name: 'ci', distribution: 'K3s', 'local-registry': 'localhost:5050', wait: '5m', args: '--workers 2 --keep-on-failure' })[n] ?? '');
  assert.deepEqual(createArgs(inputs),
    ['cluster', 'create', '--config', 'ci/ksail.yaml', '--name', 'ci', '--distribution', 'K3s', '--local-registry', 'localhost:5050', '--timeout', '5m', '--workers', '2', '--keep-on-failure']);
});

test("create's output: the 'is up' line, progress lines, timed steps, error lines", () => {
  assert.deepEqual(parseCreated("Plan\nCluster 'ci' is up: context kind-ci in /home/u/.kube/config, API at https://127.0.0.1:40123/\nTry: ..."),
    { name: 'ci', context: 'kind-ci', kubeconfig: '/home/u/.kube/config', server: 'https://127.0.0.1:40123/' });
  // The console wraps stdout at 80 columns; stderr's export line names the file exactly.
  assert.deepEqual(parseCreated(
    "Cluster 'action-it-13054' is up: context kind-action-it-13054 in\n/tmp/job/home/.kube/config, API at https://127.0.0.1:32787/\n",
    '• export kubeconfig: context kind-action-it-13054 written to /tmp/job/home/.kube/config\n'),
  { name: 'action-it-13054', context: 'kind-action-it-13054', kubeconfig: '/tmp/job/home/.kube/config', server: 'https://127.0.0.1:32787/' });
  assert.equal(parseCreated('nothing'), undefined);
  const stderr = [
    '• docker: connected',
    '• ci-control-plane: ready after 12.5 s',
    '12:00:01.123 • stability check: the cluster is stable (4.0 s)',
    '• ci-control-plane: still waiting for the API server (30 s so far)',
    'warning: something',
    'error: create: it broke',
    'ksail : error KSAIL0004: it broke (msbuild)',
  ].join('\n');
  assert.equal(progressLines(stderr).length, 4);
  assert.deepEqual(timedSteps(stderr), [
    { step: 'ci-control-plane', message: 'ready after 12.5 s', seconds: 12.5 },
    { step: 'stability check', message: 'the cluster is stable (4.0 s)', seconds: 4 },
  ]);
  assert.deepEqual(errorLines(stderr), ['error: create: it broke', 'ksail : error KSAIL0004: it broke (msbuild)']);
});

test('outputs: kubeconfig into RUNNER_TEMP, info read back', () => {
  assert.equal(kubeconfigFile('ci', { RUNNER_TEMP: '/rt' }), path.join('/rt', 'ksail-ci.kubeconfig'));
  assert.deepEqual(kubeconfigArgs('ci', '/rt/k'), ['cluster', 'kubeconfig', '--name', 'ci', '--output', '/rt/k']);
  assert.deepEqual(infoArgs('ci'), ['cluster', 'info', '--name', 'ci']);
  const info = parseInfo([
    'cluster ci (K3s)',
    '  k3d-ci-server-0  running',
    '  k3d-ci-serverlb  running',
    'API https://0.0.0.0:6550 (context k3d-ci)',
    'components:',
    '  flux v2.4.0  installed by KSail.NET in flux-system',
  ].join('\n'));
  assert.deepEqual(info, {
    name: 'ci', distribution: 'K3s', server: 'https://0.0.0.0:6550', context: 'k3d-ci',
    nodes: [{ name: 'k3d-ci-server-0', state: 'running' }, { name: 'k3d-ci-serverlb', state: 'running' }],
    components: ['flux v2.4.0  installed by KSail.NET in flux-system'],
  });
  assert.deepEqual(parseInfo('cluster ci (Vanilla)\n  ci-control-plane  exited\n').nodes, [{ name: 'ci-control-plane', state: 'exited' }]);
});

test('outputs: context and API server of the kubeconfig ksail exported', () => {
  const text = 'apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: AAAA\n    server: https://127.0.0.1:32787\n  name: kind-ci\ncontexts: []\ncurrent-context: kind-ci\nkind: Config\n';
  assert.deepEqual(parseKubeconfig(text), { context: 'kind-ci', server: 'https://127.0.0.1:32787' });
  assert.deepEqual(parseKubeconfig(''), { context: '', server: '' });
});

test('delete: by name with the kubeconfig create wrote to, else through ksail.yaml', () => {
  assert.deepEqual(deleteArgs({ name: 'ci', config: 'ksail.yaml', kubeconfig: '/home/u/.kube/config' }),
    ['cluster', 'delete', '--name', 'ci', '--kubeconfig', '/home/u/.kube/config']);
  assert.deepEqual(deleteArgs({ name: '', config: 'ci/ksail.yaml', kubeconfig: '' }), ['cluster', 'delete', '--config', 'ci/ksail.yaml']);
});

test('import: the runner\'s images into the created cluster, one --image each', () => {
  assert.deepEqual(importArgs('ci', ['app:ci', 'ghcr.io/org/worker:1']),
    ['workload', 'import', '--name', 'ci', '--image', 'app:ci', '--image', 'ghcr.io/org/worker:1']);
  assert.deepEqual(readInputs(() => '').importImages, []);
});

test('push and reconcile: ksail workload push or reconcile with the declaration the cluster came from', () => {
  assert.deepEqual(workloadArgs('push', 'ci/ksail.yaml'), ['workload', 'push', '--config', 'ci/ksail.yaml']);
  assert.deepEqual(workloadArgs('reconcile', 'ksail.yaml'), ['workload', 'reconcile', '--config', 'ksail.yaml']);
  const defaults = readInputs(() => '');
  assert.equal(defaults.push, false);
  assert.equal(defaults.reconcile, false);
});
