#!/usr/bin/env node
// StandInKsail: a stand-in for the ksail tool, used only by the action's unit tests. It records each
// command line (one JSON array per line in $STAND_IN_KSAIL_LOG) and prints what the real ksail prints
// for it (formats from src/KSail.Cli/Commands/ClusterCommands.cs). STAND_IN_KSAIL_CREATE=fail makes
// create fail as ksail does (progress lines, an error line, exit code 4); STAND_IN_KSAIL_CLUSTERS=none
// makes delete find no cluster. `cluster create --dry-run --output json` prints the plan as ksail does
// (ClusterJson.WritePlan) with the images of STAND_IN_KSAIL_IMAGES (comma-separated; the first runs the
// control plane and the worker, the others load balancers); STAND_IN_KSAIL_PLAN=fail makes it fail as
// a ksail without --output json does. `workload import` imports into two nodes; STAND_IN_KSAIL_IMPORT=fail
// makes it refuse an image as ksail does. `workload push` and `workload reconcile` print what
// WorkloadCommands prints; STAND_IN_KSAIL_RECONCILE=timeout makes reconcile time out as ksail does (exit 6).
import * as fs from 'node:fs';

const args = process.argv.slice(2);
fs.appendFileSync(process.env.STAND_IN_KSAIL_LOG, JSON.stringify(args) + '\n');
const option = (...names) => {
  const i = args.findIndex((a) => names.includes(a));
  return i >= 0 ? args[i + 1] : undefined;
};
const name = option('--name', '-n') ?? 'from-yaml';
const command = args.slice(0, 2).join(' ');
// ksail's standard output goes through Spectre.Console, which wraps words at 80 columns when redirected.
const wrapped = (text) => {
  const lines = [''];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (lines[last] && lines[last].length + 1 + word.length > 80) lines.push(word);
    else lines[last] = lines[last] ? `${lines[last]} ${word}` : word;
  }
  return lines.join('\n');
};

if (args[0] === '--version') {
  console.log('0.1.0+standin');
} else if (command === 'cluster create' && args.includes('--dry-run') && option('--output', '-o') === 'json') {
  if (process.env.STAND_IN_KSAIL_PLAN === 'fail') {
    console.error("Unrecognized command or argument '--output'.");
    process.exit(2);
  }
  const [node = 'kindest/node:v1.35.0', ...balancers] = (process.env.STAND_IN_KSAIL_IMAGES ?? '').split(',').filter(Boolean);
  const nodes = [
    { name: `${name}-control-plane`, role: 'ControlPlane', image: node },
    { name: `${name}-worker`, role: 'Worker', image: node },
    ...balancers.map((image, i) => ({ name: `${name}-external-load-balancer${i || ''}`, role: 'LoadBalancer', image })),
  ];
  const images = [...new Set(nodes.map((n) => n.image))].sort();
  console.log(JSON.stringify({
    name, distribution: 'Vanilla', provider: 'Docker', context: `kind-${name}`, kubeconfig: '/home/runner/.kube/config', nodes, images,
  }, null, 2));
} else if (command === 'cluster create') {
  console.log(`Plan for cluster '${name}' (Vanilla on Docker)`);
  console.error('• docker: connected to Docker 20.10.24 (API 1.41)');
  console.error(`• ${name}-control-plane: container started`);
  if (process.env.STAND_IN_KSAIL_CREATE === 'fail') {
    console.error(`• ${name}-control-plane: still waiting for the API server (30 s so far)`);
    console.error('error: create: the control plane did not become ready within 1m0s: connection refused');
    process.exit(4);
  }
  console.error(`• ${name}-control-plane: ready after 12.5 s`);
  console.error('• stability check: the cluster is stable (4.0 s)');
  console.error(`• export kubeconfig: context kind-${name} written to /home/runner/.kube/config`);
  console.log(wrapped(`Cluster '${name}' is up: context kind-${name} in /home/runner/.kube/config, API at https://127.0.0.1:34567/`));
  console.log(`Try: kubectl --context kind-${name} get nodes`);
} else if (command === 'cluster kubeconfig') {
  fs.writeFileSync(option('--output', '-o'), [
    'apiVersion: v1', 'kind: Config', 'clusters:', '- cluster:', '    certificate-authority-data: AAAA', '    server: https://127.0.0.1:34567',
    `  name: kind-${name}`, 'contexts:', '- context:', `    cluster: kind-${name}`, `    user: kind-${name}`, `  name: kind-${name}`,
    `current-context: kind-${name}`, 'users: []', '',
  ].join('\n'), { mode: 0o600 });
  console.error(`kubeconfig of ${name} written to ${option('--output', '-o')}`);
} else if (command === 'cluster info') {
  console.log(`cluster ${name} (Vanilla)`);
  console.log(`  ${name}-control-plane  running`);
  console.log(`  ${name}-worker  running`);
  console.log(`API https://127.0.0.1:34567/ (context kind-${name})`);
  console.log('components:');
  console.log('  metrics-server v0.7.2  installed by KSail.NET in kube-system');
} else if (command === 'cluster delete') {
  const cluster = option('--name', '-n') ?? 'from-yaml';
  console.log(process.env.STAND_IN_KSAIL_CLUSTERS === 'none'
    ? `No cluster named '${cluster}' exists; nothing to delete.`
    : `Deleted cluster '${cluster}': ${cluster}-control-plane, ${cluster}-worker`);
} else if (command === 'workload import') {
  // As WorkloadCommands prints it; STAND_IN_KSAIL_IMPORT=fail: an image the host's Docker lacks (exit 3).
  const images = args.filter((_, i) => args[i - 1] === '--image');
  if (process.env.STAND_IN_KSAIL_IMPORT === 'fail') {
    console.error(`argument --image: error: the image ${images[0]} is not present in the host's Docker; build or pull it first`);
    process.exit(3);
  }
  for (const node of [`${name}-control-plane`, `${name}-worker`]) {
    for (const image of images) console.log(`${node}: imported ${image}`);
  }
  console.log(wrapped(`Imported ${images.join(', ')} into the 2 nodes of cluster '${name}'.`));
} else if (command === 'workload push' || command === 'workload reconcile') {
  const digest = 'sha256:' + 'ab'.repeat(32);
  console.log(`Pushed 1 file to oci://localhost:5050/k8s:dev@${digest}`);
  if (command === 'workload reconcile') {
    if (process.env.STAND_IN_KSAIL_RECONCILE === 'timeout') {
      console.error('error: wait for GitOps to reconcile: not ready within 5m');
      console.error(`  Kustomization flux-system/flux-system: Ready at dev@sha256:${'cd'.repeat(32)}, not yet at dev@${digest}`);
      process.exit(6);
    }
    console.log(`Flux reconciled OCIRepository flux-system/flux-system, Kustomization flux-system/flux-system at dev@${digest}`);
  }
} else {
  console.error(`error: the stand-in does not know '${args.join(' ')}'`);
  process.exit(2);
}
