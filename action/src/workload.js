// Phase 4b (when push or reconcile is true): once the cluster runs, `ksail workload push` packs the
// declaration's source directory into an OCI artifact and pushes it to its registry;
// `ksail workload reconcile` pushes too, then asks the GitOps engine to reconcile now and waits until
// it reports the pushed revision (exit code 6 when it does not within its time limit).
import * as exec from '@actions/exec';

/** The ksail command line of `workload push` or `workload reconcile` for the declaration `config`. */
export function workloadArgs(command, config) {
  return ['workload', command, '--config', config];
}

/** Runs it; a failure fails the step with ksail's exit code (its error is in the log above). */
export async function runWorkload(command, config) {
  const code = await exec.exec('ksail', workloadArgs(command, config), { ignoreReturnCode: true });
  if (code !== 0) {
    throw new Error(`ksail workload ${command} failed with exit code ${code} (see the log above)`);
  }
  return command;
}
