// Phase 3: `ksail cluster create`, with its output kept for the outputs and the job summary.
import * as exec from '@actions/exec';

/**
 * The ksail command line that creates the cluster. ksail has no --wait flag: the wait input is its
 * --timeout, the overall limit of create including its readiness checks (ksail always waits).
 */
export function createArgs(inputs) {
  const args = ['cluster', 'create', '--config', inputs.config];
  if (inputs.name) {
    args.push('--name', inputs.name);
  }
  if (inputs.distribution) {
    args.push('--distribution', inputs.distribution);
  }
  if (inputs.wait) {
    args.push('--timeout', inputs.wait);
  }
  return args.concat(inputs.args);
}

/** What ksail's last line of a successful create says: `Cluster 'x' is up: context c in <file>, API at <url>`. */
export function parseCreated(stdout) {
  const match = /^Cluster '(.+)' is up: context (\S+) in (.+), API at (\S+)\s*$/m.exec(stdout);
  return match ? { name: match[1], context: match[2], kubeconfig: match[3], server: match[4] } : undefined;
}

/** ksail's progress lines (`• step: message` on stderr). */
export function progressLines(stderr) {
  return stderr
    .split(/\r?\n/)
    .map((line) => /^(?:\d\d:\d\d:\d\d\.\d+ )?• ([^:]+): (.*)$/.exec(line))
    .filter(Boolean)
    .map((m) => ({ step: m[1], message: m[2] }));
}

/** The progress lines that carry a time (`ready after 3.2 s`, `the cluster is stable (4.0 s)`). */
export function timedSteps(stderr) {
  return progressLines(stderr)
    .map(({ step, message }) => {
      const match = /(?:after |\()(\d+(?:\.\d+)?) s\)?$/.exec(message);
      return match ? { step, message, seconds: Number(match[1]) } : undefined;
    })
    .filter(Boolean);
}

/** ksail's error lines (`error: ...`, or MSBuild's `... error KSAIL0003: ...`). */
export function errorLines(stderr) {
  return stderr.split(/\r?\n/).filter((line) => /^error: |: error KSAIL\d+: /.test(line));
}

/** Runs `ksail cluster create` (its output goes to the log as it comes) and returns what it printed. */
export async function createCluster(inputs) {
  let stdout = '';
  let stderr = '';
  const exitCode = await exec.exec('ksail', createArgs(inputs), {
    ignoreReturnCode: true,
    listeners: {
      stdout: (data) => {
        stdout += data.toString();
      },
      stderr: (data) => {
        stderr += data.toString();
      },
    },
  });
  return { exitCode, stdout, stderr, created: parseCreated(stdout) };
}
