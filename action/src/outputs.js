// Phase 4: the cluster's kubeconfig, context, name and API endpoint, read back through ksail
// (`cluster kubeconfig --output` for the file and what it names, `cluster info` for nodes and components).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import * as exec from '@actions/exec';

/** Where the action writes the cluster's own kubeconfig (the runner's temp directory). */
export function kubeconfigFile(name, env = process.env) {
  return path.join(env.RUNNER_TEMP || os.tmpdir(), `ksail-${name}.kubeconfig`);
}

export function kubeconfigArgs(name, file) {
  return ['cluster', 'kubeconfig', '--name', name, '--output', file];
}

export function infoArgs(name) {
  return ['cluster', 'info', '--name', name];
}

/**
 * Reads `ksail cluster info`: `cluster <name> (<distribution>)`, one `  <node>  <state>` line per
 * node, `API <url> (context <context>)`, then the components.
 */
export function parseInfo(text) {
  const info = { name: '', distribution: '', nodes: [], server: '', context: '', components: [] };
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    let match;
    if ((match = /^cluster (\S+) \((.+)\)$/.exec(line))) {
      info.name = match[1];
      info.distribution = match[2];
      section = 'nodes';
    } else if ((match = /^API (\S+) \(context (\S+)\)$/.exec(line))) {
      info.server = match[1];
      info.context = match[2];
      section = '';
    } else if (/^components:/.test(line)) {
      section = 'components';
    } else if ((match = /^ {2}(\S+) {2}(\S+)$/.exec(line)) && section === 'nodes') {
      info.nodes.push({ name: match[1], state: match[2] });
    } else if (section === 'components' && /^ {2}\S/.test(line)) {
      info.components.push(line.trim());
    }
  }
  return info;
}

/** The current context and its API server of a kubeconfig KSail wrote (one cluster, one context). */
export function parseKubeconfig(text) {
  return {
    context: /^current-context:\s*"?([^"\s]+)"?\s*$/m.exec(text)?.[1] ?? '',
    server: /^\s*server:\s*"?([^"\s]+)"?\s*$/m.exec(text)?.[1] ?? '',
  };
}

async function ksail(args) {
  const { exitCode, stdout, stderr } = await exec.getExecOutput('ksail', args, { ignoreReturnCode: true });
  if (exitCode !== 0) {
    throw new Error(`ksail ${args.join(' ')} exited with ${exitCode}: ${stderr.trim() || stdout.trim()}`);
  }
  return stdout;
}

/** Writes the kubeconfig to a file of its own and reads the cluster's info. */
export async function readOutputs(created) {
  const file = kubeconfigFile(created.name);
  await ksail(kubeconfigArgs(created.name, file));
  const kubeconfig = parseKubeconfig(fs.readFileSync(file, 'utf8'));
  const info = parseInfo(await ksail(infoArgs(created.name)));
  return {
    name: created.name,
    kubeconfig: file,
    context: kubeconfig.context || info.context || created.context,
    server: kubeconfig.server || info.server || created.server,
    distribution: info.distribution,
    nodes: info.nodes,
    components: info.components,
  };
}

/** Sets the step outputs and exports KUBECONFIG for the job's later steps. */
export function publishOutputs(outputs) {
  core.setOutput('kubeconfig', outputs.kubeconfig);
  core.setOutput('context', outputs.context);
  core.setOutput('cluster-name', outputs.name);
  core.setOutput('api-endpoint', outputs.server);
  core.exportVariable('KUBECONFIG', outputs.kubeconfig);
}
