// Phase 5: the job summary: the cluster, its nodes, versions, time per phase, and on failure the error.
import * as core from '@actions/core';

const seconds = (s) => `${s.toFixed(1)} s`;

/** How the node images came: loaded from the cache, or pulled and then saved to it. */
function imagesFact(images) {
  const list = images.images.join(', ');
  if (images.restored) return `${list}: loaded from the cache (${images.loaded} tar(s))`;
  if (images.saved) return `${list}: not cached yet; saved ${images.saved.length} to the cache`;
  return `${list}: not cached yet`;
}

/**
 * Writes the job summary (GITHUB_STEP_SUMMARY).
 * @param {{inputs?: object, ksailVersion?: string, outputs?: object, created?: object, images?: object,
 *   phases: {name: string, seconds: number}[], steps: {step: string, message: string, seconds: number}[],
 *   error?: string, errors?: string[], progress?: {step: string, message: string}[]}} report
 */
export async function writeSummary(report) {
  const name = report.outputs?.name || report.created?.name || report.inputs?.name || '(from ksail.yaml)';
  const summary = core.summary.addHeading(`KSail cluster ${name}${report.error ? ': failed' : ''}`, 2);

  const facts = [[{ data: 'what', header: true }, { data: 'value', header: true }], ['cluster', name]];
  if (report.outputs?.distribution) facts.push(['distribution', report.outputs.distribution]);
  if (report.inputs?.config) facts.push(['ksail.yaml', report.inputs.config]);
  if (report.ksailVersion) facts.push(['ksail', report.ksailVersion]);
  if (report.images) facts.push(['node images', imagesFact(report.images)]);
  if (report.outputs?.server) facts.push(['API endpoint', report.outputs.server]);
  if (report.outputs?.context) facts.push(['context', report.outputs.context]);
  if (report.outputs?.kubeconfig) facts.push(['KUBECONFIG', report.outputs.kubeconfig]);
  summary.addTable(facts);

  if (report.outputs?.nodes?.length) {
    summary.addHeading('Nodes', 3).addTable([
      [{ data: 'node', header: true }, { data: 'state', header: true }],
      ...report.outputs.nodes.map((n) => [n.name, n.state]),
    ]);
  }
  if (report.outputs?.components?.length) {
    summary.addHeading('Components', 3).addList(report.outputs.components);
  }

  if (report.phases.length) {
    summary.addHeading('Time per phase', 3).addTable([
      [{ data: 'phase', header: true }, { data: 'time', header: true }],
      ...report.phases.map((p) => [p.name, seconds(p.seconds)]),
    ]);
  }
  if (report.steps.length) {
    summary.addHeading('Timed steps reported by ksail', 3).addTable([
      [{ data: 'step', header: true }, { data: 'reported', header: true }, { data: 'time', header: true }],
      ...report.steps.map((s) => [s.step, s.message, seconds(s.seconds)]),
    ]);
  }

  if (report.error) {
    summary.addHeading('Error', 3).addCodeBlock([report.error, ...(report.errors ?? [])].join('\n'));
    const tail = (report.progress ?? []).slice(-15).map((p) => `• ${p.step}: ${p.message}`);
    if (tail.length) {
      summary.addDetails('Last progress lines of ksail', `\n\n\`\`\`\n${tail.join('\n')}\n\`\`\`\n\n`);
    }
  }
  await summary.write();
}
