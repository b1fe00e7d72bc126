// Runs the action's main and post steps as the runner does: a node process with INPUT_* variables,
// the GITHUB_OUTPUT/GITHUB_STATE/GITHUB_ENV/GITHUB_STEP_SUMMARY files, and STATE_* for post.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const actionRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Reads a file-command file (`name<<delimiter` / value / `delimiter`); a later value of a name wins. */
export function readFileCommands(file) {
  const values = {};
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  for (const match of text.matchAll(/^(.+?)<<(\S+)\r?\n([\s\S]*?)\r?\n\2$/gm)) {
    values[match[1]] = match[3];
  }
  return values;
}

/** A job: its own temp directory, file-command files, HOME and a bin directory with a stand-in ksail. */
export function newJob({ standIn = true } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksail-action-test-'));
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  fs.mkdirSync(path.join(dir, 'home'));
  fs.mkdirSync(path.join(dir, 'temp'));
  if (standIn) {
    fs.symlinkSync(path.join(actionRoot, 'test-support', 'stand-in-ksail.js'), path.join(bin, 'ksail'));
  }
  const files = {};
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY']) {
    files[name] = path.join(dir, name.toLowerCase());
    fs.writeFileSync(files[name], '');
  }
  const log = path.join(dir, 'ksail-calls.log');
  const env = {
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    HOME: path.join(dir, 'home'),
    RUNNER_TEMP: path.join(dir, 'temp'),
    STAND_IN_KSAIL_LOG: log,
    ...files,
  };
  return {
    dir,
    files,
    env,
    /** The ksail command lines run so far. */
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []),
    outputs: () => readFileCommands(files.GITHUB_OUTPUT),
    state: () => readFileCommands(files.GITHUB_STATE),
    exported: () => readFileCommands(files.GITHUB_ENV),
    summary: () => fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

function node(script, env) {
  const result = spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 30 * 60 * 1000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs main with these inputs (`{config: 'x'}` becomes INPUT_CONFIG=x). */
export function runMain(job, inputs, { script = 'src/main.js', env = {} } = {}) {
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  return node(path.join(actionRoot, script), { ...job.env, ...inputEnv, ...env });
}

/** Runs post with main's saved state (STATE_<name>), exported variables and added PATH entries, as the runner does. */
export function runPost(job, { script = 'src/post.js', env = {} } = {}) {
  const stateEnv = Object.fromEntries(Object.entries(job.state()).map(([k, v]) => [`STATE_${k}`, v]));
  const added = fs.readFileSync(job.files.GITHUB_PATH, 'utf8').split(/\r?\n/).filter(Boolean).reverse();
  const PATH = [...added, job.env.PATH].join(path.delimiter);
  return node(path.join(actionRoot, script), { ...job.env, PATH, ...job.exported(), ...stateEnv, ...env });
}

/**
 * Starts StandInActionsCache (its own process, since the steps run as blocking child processes) and
 * returns the variables that point @actions/cache at it, the requests it got, and stop().
 * version 'v1' (the default): ACTIONS_CACHE_URL. version 'v2', what GitHub.com serves:
 * ACTIONS_CACHE_SERVICE_V2 and ACTIONS_RESULTS_URL for the Twirp calls, and HTTP_PROXY so that the
 * Azure Storage SDK reaches the stand-in's blob host (ksail-stand-in.blob.core.windows.net) here.
 * fail: true (every request 500s), or for v2 'rate-limited' (Twirp 429) or 'blob' (blob 403).
 */
export async function startActionsCache(dir, { version = 'v1', fail = false } = {}) {
  const store = path.join(dir, version === 'v1' ? 'actions-cache' : 'actions-cache-v2');
  const token = 'stand-in-token';
  const server = spawn(process.execPath, [path.join(actionRoot, 'test-support', 'stand-in-actions-cache.js'), store, version], {
    env: { ...process.env, STAND_IN_ACTIONS_CACHE_FAIL: fail === true ? '1' : fail || '', STAND_IN_ACTIONS_CACHE_TOKEN: token },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (data) => {
      out += data.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    server.on('exit', (code) => reject(new Error(`the stand-in Actions cache exited with ${code}`)));
  });
  const log = path.join(store, 'requests.log');
  const url = `http://127.0.0.1:${port}/`;
  return {
    env: version === 'v2'
      ? { ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_RESULTS_URL: url, ACTIONS_RUNTIME_TOKEN: token, HTTP_PROXY: url }
      : { ACTIONS_CACHE_URL: url, ACTIONS_RUNTIME_TOKEN: token },
    /** The requests so far: {method, path, query, range}; v2 adds host and, for Twirp calls, body. */
    requests: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []),
    stop: () => new Promise((resolve) => {
      if (server.exitCode !== null) return resolve();
      server.on('exit', resolve);
      server.kill();
    }),
  };
}
