// main and post run as the runner runs them (node processes, file commands), with StandInKsail on PATH.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { newJob, runMain, runPost } from '../test-support/runner.js';

test('main creates the cluster, sets outputs, state, KUBECONFIG and the summary; post deletes it', (t) => {
  const job = newJob();
  t.after(job.cleanup);

  const main = runMain(job, { config: 'ci/ksail.yaml', name: 'ci', wait: '5m', args: '--workers 1', install: 'false' });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  assert.deepEqual(job.calls(), [
    ['--version'],
    ['cluster', 'create', '--config', 'ci/ksail.yaml', '--name', 'ci', '--timeout', '5m', '--workers', '1'],
    ['cluster', 'kubeconfig', '--name', 'ci', '--output', `${job.env.RUNNER_TEMP}/ksail-ci.kubeconfig`],
    ['cluster', 'info', '--name', 'ci'],
  ]);
  const kubeconfig = `${job.env.RUNNER_TEMP}/ksail-ci.kubeconfig`;
  assert.deepEqual(job.outputs(), { kubeconfig, context: 'kind-ci', 'cluster-name': 'ci', 'api-endpoint': 'https://127.0.0.1:34567' });
  assert.deepEqual(job.exported(), { KUBECONFIG: kubeconfig });
  assert.ok(fs.existsSync(kubeconfig));
  assert.deepEqual(job.state(), {
    teardown: 'true', config: 'ci/ksail.yaml', 'cluster-name': 'ci', 'create-started': 'true',
    kubeconfig: '/home/runner/.kube/config', 'exported-kubeconfig': kubeconfig,
  });
  assert.match(main.stdout, /::group::Create the cluster/);

  const summary = job.summary();
  assert.match(summary, /<h2>KSail cluster ci<\/h2>/);
  assert.match(summary, /<td>distribution<\/td><td>Vanilla<\/td>/);
  assert.match(summary, /<td>ksail<\/td><td>0\.1\.0\+standin<\/td>/);
  assert.match(summary, /<td>ci-control-plane<\/td><td>running<\/td>/);
  assert.match(summary, /<td>ci-worker<\/td><td>running<\/td>/);
  assert.match(summary, /<td>Create the cluster<\/td><td>\d+\.\d s<\/td>/);
  assert.match(summary, /<td>stability check<\/td><td>the cluster is stable \(4\.0 s\)<\/td><td>4\.0 s<\/td>/);
  assert.match(summary, /metrics-server v0\.7\.2/);
  assert.doesNotMatch(summary, /Error/);

  const post = runPost(job);
  assert.equal(post.code, 0, post.stdout + post.stderr);
  assert.deepEqual(job.calls().at(-1), ['cluster', 'delete', '--name', 'ci', '--kubeconfig', '/home/runner/.kube/config']);
  assert.match(post.stdout, /Deleted cluster 'ci'/);
  assert.ok(!fs.existsSync(kubeconfig), 'post removes the exported kubeconfig');
});

test('import-images: after create, the images are imported into the cluster; a refused image fails main, post still deletes', (t) => {
  const job = newJob();
  t.after(job.cleanup);

  const main = runMain(job, { name: 'ci', 'import-images': 'app:ci\nworker:ci', install: 'false' });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  assert.deepEqual(job.calls().at(-1), ['workload', 'import', '--name', 'ci', '--image', 'app:ci', '--image', 'worker:ci']);
  assert.match(main.stdout, /::group::Import images/);
  assert.match(main.stdout, /ci-worker: imported worker:ci/);

  const refused = newJob();
  t.after(refused.cleanup);
  const failed = runMain(refused, { name: 'ci', 'import-images': 'absent:1', install: 'false' }, { env: { STAND_IN_KSAIL_IMPORT: 'fail' } });
  assert.notEqual(failed.code, 0);
  assert.match(failed.stdout, /::error::ksail workload import failed with exit code 3/);
  runPost(refused);
  assert.deepEqual(refused.calls().at(-1), ['cluster', 'delete', '--name', 'ci', '--kubeconfig', '/home/runner/.kube/config']);
});

test('push and reconcile: after create, the workload is pushed, or pushed and reconciled; a reconcile that times out fails main with exit code 6, post still deletes', (t) => {
  const job = newJob();
  t.after(job.cleanup);
  const pushed = runMain(job, { name: 'ci', config: 'ci/ksail.yaml', push: 'true', install: 'false' });
  assert.equal(pushed.code, 0, pushed.stdout + pushed.stderr);
  assert.deepEqual(job.calls().at(-1), ['workload', 'push', '--config', 'ci/ksail.yaml']);
  assert.match(pushed.stdout, /::group::Push the workload/);

  const both = newJob();
  t.after(both.cleanup);
  const reconciled = runMain(both, { name: 'ci', push: 'true', reconcile: 'true', install: 'false' });
  assert.equal(reconciled.code, 0, reconciled.stdout + reconciled.stderr);
  assert.deepEqual(both.calls().filter((c) => c[0] === 'workload'), [['workload', 'reconcile', '--config', 'ksail.yaml']]);
  assert.match(reconciled.stdout, /::group::Reconcile the workload/);
  assert.match(reconciled.stdout, /Flux reconciled OCIRepository flux-system\/flux-system/);

  const slow = newJob();
  t.after(slow.cleanup);
  const failed = runMain(slow, { name: 'ci', reconcile: 'true', install: 'false' }, { env: { STAND_IN_KSAIL_RECONCILE: 'timeout' } });
  assert.notEqual(failed.code, 0);
  assert.match(failed.stdout, /::error::ksail workload reconcile failed with exit code 6/);
  runPost(slow);
  assert.deepEqual(slow.calls().at(-1), ['cluster', 'delete', '--name', 'ci', '--kubeconfig', '/home/runner/.kube/config']);
});

test('the name comes from ksail.yaml (through ksail) when no name input is given', (t) => {
  const job = newJob();
  t.after(job.cleanup);
  const main = runMain(job, { install: 'false' });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  assert.deepEqual(job.calls()[1], ['cluster', 'create', '--config', 'ksail.yaml']);
  assert.equal(job.outputs()['cluster-name'], 'from-yaml');
  runPost(job);
  assert.deepEqual(job.calls().at(-1), ['cluster', 'delete', '--name', 'from-yaml', '--kubeconfig', '/home/runner/.kube/config']);
});

test('create fails: main fails with the error, the summary says so, post still deletes through ksail.yaml', (t) => {
  const job = newJob();
  t.after(job.cleanup);
  const main = runMain(job, { config: 'ci/ksail.yaml', install: 'false' }, { env: { STAND_IN_KSAIL_CREATE: 'fail' } });
  assert.equal(main.code, 1);
  assert.match(main.stdout, /::error::ksail cluster create failed with exit code 4: create: the control plane did not become ready within 1m0s: connection refused/);
  assert.deepEqual(job.outputs(), {});
  assert.deepEqual(job.exported(), {});
  const summary = job.summary();
  assert.match(summary, /<h2>KSail cluster \(from ksail.yaml\): failed<\/h2>/);
  assert.match(summary, /<h3>Error<\/h3>/);
  assert.match(summary, /ksail cluster create failed with exit code 4/);
  assert.match(summary, /still waiting for the API server/);

  const post = runPost(job);
  assert.equal(post.code, 0, post.stdout + post.stderr);
  assert.deepEqual(job.calls().at(-1), ['cluster', 'delete', '--config', 'ci/ksail.yaml']);
});

test('post: teardown false keeps the cluster; a missing cluster does not fail; nothing started, nothing deleted', (t) => {
  const kept = newJob();
  t.after(kept.cleanup);
  assert.equal(runMain(kept, { name: 'ci', teardown: 'false', install: 'false' }).code, 0);
  const post = runPost(kept);
  assert.equal(post.code, 0);
  assert.match(post.stdout, /teardown is false: the cluster is kept/);
  assert.ok(!kept.calls().some((c) => c[1] === 'delete'));

  const gone = newJob();
  t.after(gone.cleanup);
  assert.equal(runMain(gone, { name: 'ci', install: 'false' }).code, 0);
  const missing = runPost(gone, { env: { STAND_IN_KSAIL_CLUSTERS: 'none' } });
  assert.equal(missing.code, 0);
  assert.match(missing.stdout, /No cluster named 'ci' exists; nothing to delete/);
  assert.doesNotMatch(missing.stdout, /::warning::|::error::/);

  const invalid = newJob();
  t.after(invalid.cleanup);
  const main = runMain(invalid, { teardown: 'maybe' });
  assert.equal(main.code, 1);
  assert.match(main.stdout, /::error::input 'teardown' is 'maybe': use true or false/);
  const none = runPost(invalid);
  assert.equal(none.code, 0);
  assert.deepEqual(invalid.calls(), []);
});

test('post never fails the job: ksail missing or failing only warns', (t) => {
  const job = newJob();
  t.after(job.cleanup);
  assert.equal(runMain(job, { name: 'ci', install: 'false' }).code, 0);
  fs.rmSync(`${job.dir}/bin/ksail`);
  const post = runPost(job);
  assert.equal(post.code, 0);
  assert.match(post.stdout, /::warning::Teardown failed: Unable to locate executable file: ksail/);
});

test('install false without a ksail on PATH fails main with the reason', (t) => {
  const job = newJob({ standIn: false });
  t.after(job.cleanup);
  const main = runMain(job, { install: 'false' }, { env: { PATH: job.env.PATH.split(':').filter((p) => !fs.existsSync(`${p}/ksail`)).join(':') } });
  assert.equal(main.code, 1);
  assert.match(main.stdout, /::error::install is false but no 'ksail' runs from PATH/);
});

test('the bundled dist/main.js and dist/post.js behave as the sources', (t) => {
  const job = newJob();
  t.after(job.cleanup);
  const main = runMain(job, { name: 'dist', install: 'false' }, { script: 'dist/main.js' });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  assert.equal(job.outputs()['cluster-name'], 'dist');
  const post = runPost(job, { script: 'dist/post.js' });
  assert.equal(post.code, 0, post.stdout + post.stderr);
  assert.deepEqual(job.calls().at(-1), ['cluster', 'delete', '--name', 'dist', '--kubeconfig', '/home/runner/.kube/config']);
});
