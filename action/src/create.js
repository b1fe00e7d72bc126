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
  if (inputs.localRegistry) {
    args.push('--local-registry', inputs.localRegistry);
  }
  if (inputs.wait) {
    args.push('--timeout', inputs.wait);
  }
  return args.concat(inputs.args);
}

/**
 * What create reports: stderr's `• export kubeconfig: context <c> written to <file>` line (plain
 * text) and stdout's `Cluster '<name>' is up: context <c> in <file>, API at <url>` line, which the
 * console wraps at its width when output is redirected (80 columns), so stdout is read with its
 * line breaks turned back into spaces.
 */
export function parseCreated(stdout, stderr = '') {
  const joined = stdout.split(/\r?\n/).map((line) => line.trim()).join(' ');
  const up = /Cluster '(\S+)' is up: context (\S+) in (.+?), API at (\S+)/.exec(joined);
  if (!up) {
    return undefined;
  }
  const exported = /^(?:\d\d:\d\d:\d\d\.\d+ )?• export kubeconfig: context (\S+) written to (.+?)\s*$/m.exec(stderr);
  return {
    name: up[1],
    context: exported?.[1] ?? up[2],
    kubeconfig: exported?.[2] ?? up[3],
    server: up[4],
  };
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
  return { exitCode, stdout, stderr, created: parseCreated(stdout, stderr) };
}
