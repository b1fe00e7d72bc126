// Docker helpers of the image-cache tests: small images imported from a tar stream (no registry
// needed), removed after the test.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

/** Runs the docker client; its result (status, stdout, stderr). */
export const docker = (...args) => spawnSync('docker', args, { encoding: 'utf8' });

/** A reason to skip when Docker is not running here, except on CI (CI=true), where the tests fail instead. */
export const needsDocker = docker('version', '--format', '{{.Server.Version}}').status !== 0 && process.env.CI !== 'true'
  && 'Docker is not running here (with CI=true these tests fail instead)';

/** Whether the engine has the image. */
export const present = (image) => docker('image', 'inspect', '--format', '{{.Id}}', image).status === 0;

/**
 * Images of one file each (a name, or `{ name, bytes }` for one that also holds that many random
 * bytes, which zstd cannot shrink, to make an archive of a given size), imported and removed after
 * the test `t`. Returns their tags.
 */
export function testImages(t, specs) {
  const list = specs.map((s) => (typeof s === 'string' ? { name: s } : s));
  const tags = list.map(({ name }) => `ksail-action-test-${process.pid}/${name}:1`);
  const root = fs.mkdtempSync(path.join(process.env.TMPDIR || '/tmp', 'ksail-action-image-'));
  t.after(() => {
    docker('rmi', '--force', ...tags);
    fs.rmSync(root, { recursive: true, force: true });
  });
  return list.map(({ bytes = 0 }, i) => {
    fs.rmSync(path.join(root, 'data'), { force: true });
    fs.writeFileSync(path.join(root, 'name'), tags[i]);
    if (bytes > 0) {
      const random = spawnSync('sh', ['-c', `head -c ${bytes} /dev/urandom > "${path.join(root, 'data')}"`]);
      assert.equal(random.status, 0);
    }
    const made = spawnSync('sh', ['-c', `tar -C "${root}" -c . | docker import --change 'LABEL ksail.test=action-images' - "${tags[i]}"`], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    return tags[i];
  });
}
