// Phase 4 (when import-images names images): `ksail workload import --image ...` into the cluster
// create made, from the runner's Docker (images built in earlier steps), before the later steps run.
import * as exec from '@actions/exec';

/** The ksail command line that imports the images into every node of cluster `name`. */
export function importArgs(name, images) {
  return ['workload', 'import', '--name', name, ...images.flatMap((image) => ['--image', image])];
}

/** Runs the import; a failure (an image the runner's Docker does not have: exit code 3) fails the step. */
export async function importImages(name, images) {
  const code = await exec.exec('ksail', importArgs(name, images), { ignoreReturnCode: true });
  if (code !== 0) {
    throw new Error(`ksail workload import failed with exit code ${code} (see the log above)`);
  }
  return images;
}
