// Node image caching: the cache key, and main against StandInActionsCache (there is no Actions cache
// off GitHub), StandInKsail's plan and the real Docker engine (docker save and docker load of small
// images the tests import and remove).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createArgs } from '../src/create.js';
import { imagesCacheKey, imagesDirectory, planArgs, planImages, tarName } from '../src/images.js';
import { readInputs } from '../src/inputs.js';
import { newJob, runMain, startActionsCache } from '../test-support/runner.js';
import { docker, needsDocker, present, testImages } from '../test-support/docker-images.js';

test('the cache key names the OS, the architecture and a hash of the sorted, distinct image list', () => {
  const key = imagesCacheKey(['rancher/k3s:v1.35.5-k3s1', 'ghcr.io/k3d-io/k3d-proxy:5.9.0'], 'linux', 'x64');
  assert.match(key, /^ksail-images-linux-x64-[0-9a-f]{64}$/);
  assert.equal(imagesCacheKey(['ghcr.io/k3d-io/k3d-proxy:5.9.0', 'rancher/k3s:v1.35.5-k3s1', 'rancher/k3s:v1.35.5-k3s1'], 'linux', 'x64'), key);
  assert.notEqual(imagesCacheKey(['rancher/k3s:v1.35.5-k3s1'], 'linux', 'x64'), key);
  assert.notEqual(imagesCacheKey(['rancher/k3s:v1.35.5-k3s1', 'ghcr.io/k3d-io/k3d-proxy:5.9.0'], 'linux', 'arm64'), key);
});

test("the plan is create's command line with --dry-run --output json; its images, sorted and distinct", () => {
  const inputs = readInputs((name) => ({ config: 'ci/ksail.yaml', name: 'ci', wait: '5m', args: '--workers 2' })[name] ?? '');
  assert.deepEqual(planArgs(inputs), [...createArgs({ ...inputs, args: [] }), '--dry-run', '--output', 'json', '--workers', '2']);
  assert.deepEqual(planImages({ images: ['b', 'a'] }), ['a', 'b']);
  assert.deepEqual(planImages({ nodes: [{ image: 'n' }, { image: 'lb' }, { image: 'n' }] }), ['lb', 'n']);
  assert.equal(imagesDirectory({ RUNNER_TEMP: '/runner/temp' }), '/runner/temp/ksail-images');
  assert.match(tarName('ghcr.io/k3d-io/k3d-proxy:5.9.0'), /^ghcr\.io_k3d-io_k3d-proxy_5\.9\.0-[0-9a-f]{12}\.tar$/);
  assert.notEqual(tarName('a/b:c'), tarName('a_b_c'));
});

test('a miss: main saves the images present locally after create; the next job (dist/) loads each tar before create', { skip: needsDocker }, async (t) => {
  const [node, balancer] = testImages(t, ['node', 'balancer']);
  const absent = `ksail-action-test-${process.pid}/absent:1`;
  const first = newJob();
  t.after(first.cleanup);
  const cache = await startActionsCache(first.dir);
  t.after(cache.stop);
  // Every GitHub-hosted runner has the same RUNNER_TEMP (/home/runner/work/_temp); the cache's
  // version hashes the cached path, so the jobs here share one too.
  const runnerTemp = path.join(first.dir, 'runner-temp');
  fs.mkdirSync(runnerTemp);
  const env = { ...cache.env, RUNNER_TEMP: runnerTemp, STAND_IN_KSAIL_IMAGES: [node, balancer, absent].join(',') };
  const key = imagesCacheKey([node, balancer, absent]);

  const main = runMain(first, { name: 'ci', install: 'false', args: '--workers 1' }, { env });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  assert.deepEqual(first.calls().slice(0, 3), [
    ['--version'],
    ['cluster', 'create', '--config', 'ksail.yaml', '--name', 'ci', '--dry-run', '--output', 'json', '--workers', '1'],
    ['cluster', 'create', '--config', 'ksail.yaml', '--name', 'ci', '--workers', '1'],
  ]);
  assert.match(main.stdout, new RegExp(`No cache for ${key}`));
  assert.match(main.stdout, new RegExp(`${absent} is not present locally: not cached`));
  assert.match(main.stdout, new RegExp(`Saved ${balancer}, ${node} to the cache \\(${key}\\)`));
  assert.doesNotMatch(main.stdout, /::warning::|::error::/);
  const groups = [...main.stdout.matchAll(/::group::(.+)/g)].map((m) => m[1]);
  assert.deepEqual(groups, ['Install ksail', 'Restore node images', 'Create the cluster', 'Read the cluster outputs', 'Save node images']);
  assert.deepEqual(cache.requests().map((r) => `${r.method} ${r.path}`).filter((r) => !r.startsWith('PATCH')), [
    'GET /_apis/artifactcache/cache', 'POST /_apis/artifactcache/caches', 'POST /_apis/artifactcache/caches/1',
  ]);
  assert.ok(!fs.existsSync(imagesDirectory(env)), 'the tars are removed once saved');
  assert.match(first.summary(), /<td>node images<\/td><td>[^<]*: not cached yet; saved 2 to the cache<\/td>/);

  // The next job, on a runner without the images, runs the bundled action (dist/ holds its own @actions/cache).
  assert.equal(docker('rmi', node, balancer).status, 0);
  const second = newJob();
  t.after(second.cleanup);
  const again = runMain(second, { name: 'ci', install: 'false', args: '--workers 1' }, { env, script: 'dist/main.js' });
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, new RegExp(`Loaded image: ${node}`));
  assert.match(again.stdout, new RegExp(`Loaded image: ${balancer}`));
  assert.match(again.stdout, new RegExp(`Loaded 2 image tar\\(s\\) from the cache \\(${key}\\)`));
  assert.ok(present(node) && present(balancer), 'docker load put both images back');
  assert.ok(!again.stdout.includes('::group::Save node images'), 'a hit saves nothing');
  assert.equal(cache.requests().filter((r) => r.method === 'POST').length, 2, 'no second upload');
  assert.ok(!fs.existsSync(imagesDirectory(env)), 'the tars are removed once loaded');
  assert.match(second.summary(), /<td>node images<\/td><td>[^<]*: loaded from the cache \(2 tar\(s\)\)<\/td>/);
});

test('a failed create saves nothing: the cache only ever holds the images of a cluster that came up', async (t) => {
  const job = newJob();
  t.after(job.cleanup);
  const cache = await startActionsCache(job.dir);
  t.after(cache.stop);
  const main = runMain(job, { install: 'false' }, { env: { ...cache.env, STAND_IN_KSAIL_CREATE: 'fail' } });
  assert.equal(main.code, 1);
  assert.match(main.stdout, /::error::ksail cluster create failed with exit code 4/);
  assert.deepEqual(cache.requests().map((r) => r.method), ['GET']);
  assert.ok(!main.stdout.includes('::group::Save node images'));
});

test('cache-images false: no plan, no cache; without the Actions cache: no plan either', async (t) => {
  const job = newJob();
  t.after(job.cleanup);
  const cache = await startActionsCache(job.dir);
  t.after(cache.stop);
  const off = runMain(job, { name: 'ci', install: 'false', 'cache-images': 'false' }, { env: cache.env });
  assert.equal(off.code, 0, off.stdout + off.stderr);
  assert.match(off.stdout, /cache-images is false: node images are not cached/);
  assert.ok(!job.calls().some((c) => c.includes('--dry-run')));
  assert.deepEqual(cache.requests(), []);

  const plain = newJob();
  t.after(plain.cleanup);
  const unavailable = runMain(plain, { name: 'ci', install: 'false' });
  assert.equal(unavailable.code, 0, unavailable.stdout + unavailable.stderr);
  assert.match(unavailable.stdout, /The Actions cache is not available here: node images are not cached/);
  assert.ok(!plain.calls().some((c) => c.includes('--dry-run')));

  const wrong = newJob();
  t.after(wrong.cleanup);
  const invalid = runMain(wrong, { 'cache-images': 'sometimes' });
  assert.equal(invalid.code, 1);
  assert.match(invalid.stdout, /::error::input 'cache-images' is 'sometimes': use true or false/);
});

test('caching that fails only warns: the cache service failing, or a ksail without the JSON plan', { skip: needsDocker }, async (t) => {
  const [node] = testImages(t, ['failing']);
  const job = newJob();
  t.after(job.cleanup);
  const cache = await startActionsCache(job.dir, { fail: true });
  t.after(cache.stop);
  const main = runMain(job, { name: 'ci', install: 'false' }, { env: { ...cache.env, STAND_IN_KSAIL_IMAGES: node } });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  assert.equal(job.outputs()['cluster-name'], 'ci');
  assert.match(main.stdout, /::warning::Failed to restore: /);
  assert.match(main.stdout, /::group::Save node images/);
  assert.match(main.stdout, /Failed to save: /, '@actions/cache reports the failed upload');
  assert.match(main.stdout, /The images were not saved to the cache/);
  assert.ok(cache.requests().some((r) => r.method === 'POST'), 'the save was tried');

  const old = newJob();
  t.after(old.cleanup);
  const cache2 = await startActionsCache(old.dir);
  t.after(cache2.stop);
  const older = runMain(old, { name: 'ci', install: 'false' }, { env: { ...cache2.env, STAND_IN_KSAIL_PLAN: 'fail' } });
  assert.equal(older.code, 0, older.stdout + older.stderr);
  assert.match(older.stdout, /::warning::Node images are not cached: ksail cluster create .* --dry-run --output json exited with 2: Unrecognized command or argument '--output'\./);
  assert.equal(old.outputs()['cluster-name'], 'ci');
  assert.deepEqual(cache2.requests(), []);
});
