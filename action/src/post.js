// The post step: delete the cluster main created (also when main or the job failed), if teardown is true.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import * as exec from '@actions/exec';

/**
 * The ksail command line that deletes the cluster: by name when main knew it, else through the
 * ksail.yaml (create failed before printing the name); with the kubeconfig create wrote the
 * context to, so that context is removed too.
 */
export function deleteArgs({ name, config, kubeconfig }) {
  const args = ['cluster', 'delete'];
  if (name) {
    args.push('--name', name);
  } else {
    args.push('--config', config);
  }
  if (kubeconfig) {
    args.push('--kubeconfig', kubeconfig);
  }
  return args;
}

export async function run() {
  try {
    if (core.getState('teardown') !== 'true') {
      core.info('teardown is false: the cluster is kept.');
      return;
    }
    if (core.getState('create-started') !== 'true') {
      core.info('No cluster was created: nothing to delete.');
      return;
    }

    const target = { name: core.getState('cluster-name'), config: core.getState('config'), kubeconfig: core.getState('kubeconfig') };
    await core.group(`Delete cluster ${target.name || `of ${target.config}`}`, async () => {
      const code = await exec.exec('ksail', deleteArgs(target), { ignoreReturnCode: true });
      if (code !== 0) {
        core.warning(`ksail cluster delete exited with ${code}; the cluster may be left behind (see the log above).`);
      }
    });

    const exported = core.getState('exported-kubeconfig');
    if (exported) {
      fs.rmSync(exported, { force: true });
    }
  } catch (error) {
    // A post step never fails the job: whatever is left is reported.
    core.warning(`Teardown failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
}
