// The main step: read the inputs, install ksail, restore the node images, create the cluster, publish its
// outputs, import the runner's images when asked, push (and reconcile) the workload when asked, save the node images on a cache miss, summarize.
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { readInputs } from './inputs.js';
import { installKsail } from './install.js';
import { restoreImages, saveImages } from './images.js';
import { createCluster, errorLines, progressLines, timedSteps } from './create.js';
import { publishOutputs, readOutputs } from './outputs.js';
import { importImages } from './import.js';
import { runWorkload } from './workload.js';
import { writeSummary } from './summary.js';

async function phase(report, name, action) {
  const started = process.hrtime.bigint();
  try {
    return await core.group(name, action);
  } finally {
    report.phases.push({ name, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
  }
}

export async function run() {
  const report = { phases: [], steps: [] };
  try {
    const inputs = readInputs();
    report.inputs = inputs;
    core.saveState('teardown', String(inputs.teardown));
    core.saveState('config', inputs.config);
    core.saveState('cluster-name', inputs.name);

    report.ksailVersion = await phase(report, 'Install ksail', () => installKsail(inputs));

    const images = await phase(report, 'Restore node images', () => restoreImages(inputs));
    report.images = images && { key: images.key, images: images.images, restored: images.hit, loaded: images.loaded.length };

    // From here on the post step deletes the cluster, even when create fails or the job is cancelled.
    core.saveState('create-started', 'true');
    const result = await phase(report, 'Create the cluster', () => createCluster(inputs));
    report.steps = timedSteps(result.stderr);
    report.progress = progressLines(result.stderr);
    report.errors = errorLines(result.stderr);
    if (result.exitCode !== 0 || !result.created) {
      const why = report.errors.at(-1)?.replace(/^error: /, '') ?? 'see the log above';
      throw new Error(result.exitCode !== 0
        ? `ksail cluster create failed with exit code ${result.exitCode}: ${why}`
        : "ksail cluster create succeeded but did not print the 'Cluster ... is up' line");
    }
    report.created = result.created;
    core.saveState('cluster-name', result.created.name);
    core.saveState('kubeconfig', result.created.kubeconfig);

    const outputs = await phase(report, 'Read the cluster outputs', () => readOutputs(result.created));
    report.outputs = outputs;
    core.saveState('exported-kubeconfig', outputs.kubeconfig);
    publishOutputs(outputs);
    core.info(`Cluster ${outputs.name} is up: KUBECONFIG=${outputs.kubeconfig}, context ${outputs.context}, API ${outputs.server}`);

    if (inputs.importImages.length > 0) {
      report.imported = await phase(report, 'Import images', () => importImages(result.created.name, inputs.importImages));
    }

    // reconcile pushes first, so it alone runs when both are asked for.
    if (inputs.reconcile) {
      report.workload = await phase(report, 'Reconcile the workload', () => runWorkload('reconcile', inputs.config));
    } else if (inputs.push) {
      report.workload = await phase(report, 'Push the workload', () => runWorkload('push', inputs.config));
    }

    // Saved only after a successful create, in main: a failed or cancelled job never saves a partial set.
    if (images && !images.hit) {
      report.images.saved = await phase(report, 'Save node images', () => saveImages(images));
    }
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
    core.setFailed(report.error);
  }

  try {
    await writeSummary(report);
  } catch (error) {
    core.warning(`Writing the job summary failed: ${error.message}`);
  }
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
}
