// main and post against a REAL ksail, installed by the action from a local NuGet feed, creating a
// real cluster on Docker. Runs only with KSAIL_ACTION_IT=1; it packs nothing itself and expects:
//   KSAIL_ACTION_FEED    a folder feed holding the KSail.Cli package (dotnet pack src/KSail.Cli -o <dir>)
//   KSAIL_ACTION_CONFIG  a ksail.yaml whose nodes use images present here (on machines without a
//                        registry: the test bed's kind-node image, as build/demo.sh sets it)
// The tool is installed into a temporary HOME, so the user's ~/.dotnet/tools and ~/.kube stay untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { newJob, runMain, runPost, startActionsCache } from '../test-support/runner.js';

const enabled = process.env.KSAIL_ACTION_IT === '1';

test('main installs ksail from the feed, creates the cluster and caches its node image and the tool; post deletes it; the next job runs the tool from the cache', { skip: !enabled && 'set KSAIL_ACTION_IT=1 (with KSAIL_ACTION_FEED and KSAIL_ACTION_CONFIG) to run it' }, async (t) => {
  const feed = process.env.KSAIL_ACTION_FEED;
  const config = process.env.KSAIL_ACTION_CONFIG;
  assert.ok(feed && fs.existsSync(feed), `KSAIL_ACTION_FEED (${feed}) must be a folder feed with the KSail.Cli package`);
  assert.ok(config && fs.existsSync(config), `KSAIL_ACTION_CONFIG (${config}) must be a ksail.yaml`);
  const pkg = fs.readdirSync(feed).map((f) => /^KSail\.Cli\.(\d.*)\.nupkg$/i.exec(f)).find(Boolean);
  assert.ok(pkg, `no KSail.Cli.<version>.nupkg in ${feed}`);
  const version = pkg[1];

  const job = newJob({ standIn: false });
  const name = `action-it-${process.pid}`;
  let postRan = false;
  t.after(() => {
    if (!postRan) {
      runPost(job, { env });
    }
    job.cleanup();
  });
  // The Actions cache is StandInActionsCache (there is none off GitHub): the real ksail's JSON plan
  // names the node image, which is docker-saved after create.
  const cache = await startActionsCache(job.dir);
  t.after(cache.stop);
  // The real runner's PATH has no ksail; the action puts $HOME/.dotnet/tools on it. Every runner has
  // the same HOME (the cache's version hashes the cached path), so the second job below shares it.
  const home = path.join(job.dir, 'runner-home');
  fs.mkdirSync(home);
  const env = { DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', HOME: home, NUGET_PACKAGES: path.join(job.dir, 'nuget'), ...cache.env };

  const main = runMain(job, { config, name, version, source: feed, wait: '10m' }, { env });
  assert.equal(main.code, 0, main.stdout + main.stderr);
  const outputs = job.outputs();
  assert.equal(outputs['cluster-name'], name);
  assert.match(outputs['api-endpoint'], /^https:\/\/(127\.0\.0\.1|0\.0\.0\.0|localhost):\d+$/);
  assert.ok(outputs.context.includes(name));
  assert.equal(job.exported().KUBECONFIG, outputs.kubeconfig);
  assert.ok(fs.existsSync(path.join(home, '.dotnet', 'tools', 'ksail')), 'the tool is installed under HOME');
  const summary = job.summary();
  t.diagnostic(`job summary: ${summary.replace(/\s*\n\s*/g, ' ')}`);
  assert.match(summary, new RegExp(`<h2>KSail cluster ${name}</h2>`));
  assert.match(summary, new RegExp(`<td>ksail</td><td>${version.replace(/\./g, '\\.')}`));
  assert.match(summary, /<td>Install ksail<\/td><td>[\d.]+ s<\/td>/);

  const plan = /Images of the cluster: (.+) \(cache key (ksail-images-\S+)\)\./.exec(main.stdout);
  assert.ok(plan, `the action read the images from ksail's plan:\n${main.stdout}`);
  assert.match(main.stdout, new RegExp(`Saved ${plan[1].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} to the cache \\(${plan[2]}\\)`));
  assert.ok(cache.requests().some((r) => r.method === 'POST' && /caches\/\d+$/.test(r.path)), 'the cache was committed');
  assert.match(summary, /<td>node images<\/td><td>[^<]*saved 1 to the cache<\/td>/);

  // A later step of the job: kubectl with the exported KUBECONFIG reaches the cluster.
  const nodes = spawnSync('kubectl', ['get', 'nodes', '-o', 'name'], { env: { ...process.env, KUBECONFIG: outputs.kubeconfig }, encoding: 'utf8', timeout: 60000 });
  assert.equal(nodes.status, 0, nodes.stderr);
  assert.match(nodes.stdout, /^node\//m);

  const post = runPost(job, { env });
  postRan = true;
  assert.equal(post.code, 0, post.stdout + post.stderr);
  assert.match(post.stdout, new RegExp(`Deleted cluster '${name}'`));
  assert.doesNotMatch(post.stdout, /::warning::/);
  const left = spawnSync('docker', ['ps', '-a', '-q', '--filter', `name=${name}`], { encoding: 'utf8' });
  assert.equal(left.stdout.trim(), '', `containers of ${name} are left behind`);

  // The next job, on a fresh runner (no tool installed, an empty NuGet cache): the tool comes back
  // from the cache as main saved it (the package dotnet tool install chose for this machine) and runs.
  fs.rmSync(path.join(home, '.dotnet'), { recursive: true, force: true });
  const next = newJob({ standIn: false });
  const nextName = `${name}-next`;
  let nextPostRan = false;
  t.after(() => {
    if (!nextPostRan) {
      runPost(next, { env: nextEnv });
    }
    next.cleanup();
  });
  const nextEnv = { ...env, NUGET_PACKAGES: path.join(next.dir, 'nuget') };
  const again = runMain(next, { config, name: nextName, version, source: feed, wait: '10m', 'cache-images': 'false' }, { env: nextEnv });
  assert.equal(again.code, 0, again.stdout + again.stderr);
  assert.match(again.stdout, new RegExp(`ksail ${version.replace(/\./g, '\\.')} restored from the cache \\(ksail-tool-`));
  assert.doesNotMatch(again.stdout, /dotnet tool update/, 'nothing is installed');
  assert.ok(!fs.existsSync(path.join(next.dir, 'nuget')), 'no package was downloaded');
  assert.equal(next.outputs()['cluster-name'], nextName);
  const nextPost = runPost(next, { env: nextEnv });
  nextPostRan = true;
  assert.equal(nextPost.code, 0, nextPost.stdout + nextPost.stderr);
  assert.match(nextPost.stdout, new RegExp(`Deleted cluster '${nextName}'`));
});
