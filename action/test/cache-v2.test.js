// Node image caching against the cache service GitHub.com serves now (v2: Twirp calls that hand out
// signed URLs, the archive moved by the Azure Storage Blob SDK): main against StandInActionsCache in
// its v2 mode (there is no Actions cache off GitHub), StandInKsail's plan and the real Docker engine
// (docker save and docker load of images the tests import and remove).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { imagesCacheKey, imagesDirectory } from '../src/images.js';
import { newJob, runMain, startActionsCache } from '../test-support/runner.js';
import { docker, needsDocker, present, testImages } from '../test-support/docker-images.js';

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';
const BLOB_HOST = 'ksail-stand-in.blob.core.windows.net';
const MiB = 1024 * 1024;

/** The requests as `METHOD what`: a Twirp call by its method name, a blob request by its comp (or its blob type). */
function described(requests) {
  return requests.map((r) => {
    if (r.path.startsWith(TWIRP)) return `${r.method} ${r.path.slice(TWIRP.length)}`;
    const comp = new URLSearchParams(r.query).get('comp');
    return `${r.method} blob${comp ? ` comp=${comp}` : ''}${r.blobType ? ` ${r.blobType}` : ''}${r.range ? ' range' : ''}`;
  });
}

/** Asserts that a restore read the whole blob: Get Blob Properties, then ranged Get Blobs that cover 0..size-1 in order. */
function assertDownloaded(requests, size) {
  const blob = requests.filter((r) => r.host === BLOB_HOST);
  assert.ok(blob.every((r) => new URLSearchParams(r.query).get('sp') === 'r'), 'downloads use the read-only URL');
  assert.equal(blob[0].method, 'HEAD', 'Get Blob Properties first (the SDK reads the size)');
  let next = 0;
  for (const r of blob.slice(1)) {
    assert.equal(r.method, 'GET');
    const [, start, end] = /^bytes=(\d+)-(\d+)$/.exec(r.range ?? '') ?? [];
    assert.equal(Number(start), next, `the ranges follow each other: ${r.range}`);
    next = Number(end) + 1;
  }
  assert.equal(next, size, 'the ranges cover the whole archive');
}

/** Runs a job whose runner has none of the images: main restores and docker-loads them. Returns the new requests. */
function restoringJob(t, cache, env, images, key, script) {
  assert.equal(docker('rmi', ...images).status, 0);
  const before = cache.requests().length;
  const job = newJob();
  t.after(job.cleanup);
  const main = runMain(job, { name: 'ci', install: 'false', args: '--workers 1' }, { env, script });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  for (const image of images) {
    assert.match(main.stdout, new RegExp(`Loaded image: ${image}`));
    assert.ok(present(image), `docker load put ${image} back`);
  }
  assert.match(main.stdout, new RegExp(`Cache hit for: ${key}`));
  assert.match(main.stdout, new RegExp(`Loaded ${images.length} image tar\\(s\\) from the cache \\(${key}\\)`));
  assert.doesNotMatch(main.stdout, /::warning::|::error::/);
  assert.ok(!main.stdout.includes('::group::Save node images'), 'a hit saves nothing');
  assert.ok(!fs.existsSync(imagesDirectory(env)), 'the tars are removed once loaded');
  assert.match(job.summary(), new RegExp(`<td>node images</td><td>[^<]*: loaded from the cache \\(${images.length} tar\\(s\\)\\)</td>`));
  return cache.requests().slice(before);
}

/** A job environment on the v2 stand-in; the jobs share RUNNER_TEMP as GitHub-hosted runners do (the cache version hashes the path). */
function jobEnv(cache, dir, images) {
  const runnerTemp = path.join(dir, 'runner-temp');
  fs.mkdirSync(runnerTemp, { recursive: true });
  return { ...cache.env, RUNNER_TEMP: runnerTemp, STAND_IN_KSAIL_IMAGES: images.join(',') };
}

test('v2: a miss saves the node images after create, an archive over 128 MiB in blocks; the next jobs (src/, dist/) download and docker load them', { skip: needsDocker }, async (t) => {
  // Above 128 MiB the SDK stages 64 MiB blocks and commits a block list instead of one Put Blob.
  const [node, balancer] = testImages(t, [{ name: 'big-node', bytes: 136 * MiB }, { name: 'v2-balancer' }]);
  const first = newJob();
  t.after(first.cleanup);
  const cache = await startActionsCache(first.dir, { version: 'v2' });
  t.after(cache.stop);
  const env = jobEnv(cache, first.dir, [node, balancer]);
  const key = imagesCacheKey([node, balancer]);

  const main = runMain(first, { name: 'ci', install: 'false', args: '--workers 1' }, { env });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  assert.match(main.stdout, new RegExp(`No cache for ${key}`));
  assert.match(main.stdout, new RegExp(`Saved ${node}, ${balancer} to the cache \\(${key}\\)`));
  assert.doesNotMatch(main.stdout, /::warning::|::error::/);
  assert.match(first.summary(), /<td>node images<\/td><td>[^<]*: not cached yet; saved 2 to the cache<\/td>/);
  assert.ok(!fs.existsSync(imagesDirectory(env)), 'the tars are removed once saved');

  const saved = cache.requests();
  const calls = described(saved);
  assert.deepEqual(calls.filter((c) => c !== 'PUT blob comp=block'), [
    'POST GetCacheEntryDownloadURL', 'POST CreateCacheEntry', 'PUT blob comp=blocklist', 'POST FinalizeCacheEntryUpload',
  ]);
  t.diagnostic(`save (${saved.length} requests): ${calls.join(', ')}`);
  const blocks = saved.filter((r) => new URLSearchParams(r.query).get('comp') === 'block');
  assert.equal(blocks.length, 3, `64 + 64 + the rest MiB: ${calls.join(', ')}`);
  assert.equal(new Set(blocks.map((r) => new URLSearchParams(r.query).get('blockid'))).size, 3, 'each block has its own id');
  assert.ok(saved.filter((r) => r.host === BLOB_HOST).every((r) => new URLSearchParams(r.query).get('sp') === 'cw'), 'uploads use the writable URL');
  assert.ok(saved.every((r) => !r.path.startsWith('/_apis/')), 'no v1 request');
  const twirp = (method) => saved.find((r) => r.path === `${TWIRP}${method}`).body;
  const { version } = twirp('GetCacheEntryDownloadURL');
  assert.deepEqual(twirp('GetCacheEntryDownloadURL'), { key, version });
  assert.deepEqual(twirp('CreateCacheEntry'), { key, version });
  const finalize = { body: twirp('FinalizeCacheEntryUpload') };
  assert.deepEqual(finalize.body, { key, version, size_bytes: finalize.body.size_bytes });
  const size = Number(finalize.body.size_bytes);
  assert.ok(size > 128 * MiB, `the archive (${size} B) is over the single-shot size`);

  const again = restoringJob(t, cache, env, [node, balancer], key);
  t.diagnostic(`restore (${again.length} requests): ${described(again.slice(0, 4)).join(', ')}, ... (${again.filter((r) => r.range).length} ranged GETs)`);
  assert.deepEqual(described(again).slice(0, 2), ['POST GetCacheEntryDownloadURL', 'HEAD blob']);
  assertDownloaded(again, size);
  assert.ok(again.length > 30, `the SDK reads 4 MiB ranges: ${again.length} requests`);

  // The bundled action (dist/ holds its own @actions/cache and Azure SDK).
  const bundled = restoringJob(t, cache, env, [node, balancer], key, 'dist/main.js');
  assert.deepEqual(described(bundled).slice(0, 2), ['POST GetCacheEntryDownloadURL', 'HEAD blob']);
  assertDownloaded(bundled, size);
  assert.equal(cache.requests().filter((r) => r.method === 'PUT').length, blocks.length + 1, 'no second upload');
});

test('v2: a small archive goes up in one Put Blob and comes down in one ranged Get Blob', { skip: needsDocker }, async (t) => {
  const [node] = testImages(t, [{ name: 'v2-small' }]);
  const first = newJob();
  t.after(first.cleanup);
  const cache = await startActionsCache(first.dir, { version: 'v2' });
  t.after(cache.stop);
  const env = jobEnv(cache, first.dir, [node]);
  const key = imagesCacheKey([node]);

  const main = runMain(first, { name: 'ci', install: 'false' }, { env });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  assert.match(main.stdout, new RegExp(`Saved ${node} to the cache \\(${key}\\)`));
  assert.doesNotMatch(main.stdout, /::warning::|::error::/);
  assert.deepEqual(described(cache.requests()), [
    'POST GetCacheEntryDownloadURL', 'POST CreateCacheEntry', 'PUT blob BlockBlob', 'POST FinalizeCacheEntryUpload',
  ]);
  const size = Number(cache.requests().at(-1).body.size_bytes);

  const again = restoringJob(t, cache, env, [node], key, 'dist/main.js');
  assert.deepEqual(described(again), ['POST GetCacheEntryDownloadURL', 'HEAD blob', 'GET blob range']);
  assertDownloaded(again, size);
});

test('v2: a cache service that fails only warns: rate-limited Twirp calls, or a blob storage that rejects the upload', { skip: needsDocker }, async (t) => {
  const [node] = testImages(t, [{ name: 'v2-failing' }]);
  const key = imagesCacheKey([node]);

  const limited = newJob();
  t.after(limited.cleanup);
  const busy = await startActionsCache(limited.dir, { version: 'v2', fail: 'rate-limited' });
  t.after(busy.stop);
  const main = runMain(limited, { name: 'ci', install: 'false' }, { env: jobEnv(busy, limited.dir, [node]) });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  assert.equal(limited.outputs()['cluster-name'], 'ci');
  assert.match(main.stdout, /::warning::You've hit a rate limit, your rate limit will reset in 60 seconds/);
  assert.match(main.stdout, /::warning::Failed to restore: .*429/);
  assert.match(main.stdout, new RegExp(`No cache for ${key}`));
  assert.match(main.stdout, /::group::Save node images/);
  assert.match(main.stdout, /Failed to save: Unable to reserve cache with key/, '@actions/cache reports the failed reservation');
  assert.match(main.stdout, /The images were not saved to the cache/);
  assert.doesNotMatch(main.stdout, /::error::/);
  assert.deepEqual(described(busy.requests()), ['POST GetCacheEntryDownloadURL', 'POST CreateCacheEntry'], 'a 429 is not retried');

  const rejected = newJob();
  t.after(rejected.cleanup);
  const storage = await startActionsCache(rejected.dir, { version: 'v2', fail: 'blob' });
  t.after(storage.stop);
  const upload = runMain(rejected, { name: 'ci', install: 'false' }, { env: jobEnv(storage, rejected.dir, [node]) });
  assert.equal(upload.code, 0, upload.stdout + upload.stderr);
  assert.equal(rejected.outputs()['cluster-name'], 'ci');
  assert.match(upload.stdout, /::warning::uploadCacheArchiveSDK: internal error uploading cache archive: .*authenticate/);
  assert.match(upload.stdout, /::warning::Failed to save: /);
  assert.match(upload.stdout, /The images were not saved to the cache/);
  assert.doesNotMatch(upload.stdout, /::error::/);
  assert.deepEqual(described(storage.requests()), ['POST GetCacheEntryDownloadURL', 'POST CreateCacheEntry', 'PUT blob BlockBlob'], 'nothing is finalized');
});
