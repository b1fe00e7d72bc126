// Phases "Restore node images" (before create) and "Save node images" (after a successful create): the
// images the cluster's nodes run (node images and the load balancer's), kept in the Actions cache as
// `docker save` tars so a later job loads them instead of pulling them. Caching never fails the job.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import { createArgs } from './create.js';
import { loadCache } from './install.js';

/** The ksail command line that prints create's plan as JSON: create's own command line with --dry-run. */
export function planArgs(inputs) {
  return createArgs({ ...inputs, args: ['--dry-run', '--output', 'json', ...inputs.args] });
}

/** The distinct images of a plan (`ksail cluster create --dry-run --output json`), sorted. */
export function planImages(plan) {
  const images = plan.images ?? (plan.nodes ?? []).map((node) => node.image);
  return [...new Set(images.filter(Boolean))].sort();
}

/** The cache key of an image list: the same images in any order give the same key. */
export function imagesCacheKey(images, platform = process.platform, arch = process.arch) {
  const list = [...new Set(images)].sort().join('\n');
  return `ksail-images-${platform}-${arch}-${crypto.createHash('sha256').update(list).digest('hex')}`;
}

/** The directory the tars are saved to and restored into (the runner's temp directory). */
export function imagesDirectory(env = process.env) {
  return path.join(env.RUNNER_TEMP || os.tmpdir(), 'ksail-images');
}

/** The tar file of one image: its name made safe for a file name, plus a short hash so names cannot collide. */
export function tarName(image) {
  const hash = crypto.createHash('sha256').update(image).digest('hex').slice(0, 12);
  return `${image.replace(/[^A-Za-z0-9._-]+/g, '_')}-${hash}.tar`;
}

/** Runs a command quietly; its exit code and output, never an exception. */
async function run(tool, args) {
  try {
    return await exec.getExecOutput(tool, args, { silent: true, ignoreReturnCode: true });
  } catch (error) {
    return { exitCode: -1, stdout: '', stderr: error.message };
  }
}

/** The images ksail's plan names for these inputs; throws with ksail's error when the plan fails. */
export async function plannedImages(inputs) {
  const args = planArgs(inputs);
  const { exitCode, stdout, stderr } = await run('ksail', args);
  if (exitCode !== 0) {
    throw new Error(`ksail ${args.join(' ')} exited with ${exitCode}: ${stderr.trim().split(/\r?\n/).at(-1) ?? ''}`);
  }
  return planImages(JSON.parse(stdout));
}

/**
 * Before create: asks ksail's plan for the images, restores the cache of exactly that list and
 * `docker load`s its tars. Returns what saveImages needs (undefined when images are not cached);
 * any failure is a warning.
 * @param {{cacheImages: boolean}} inputs
 * @param {{cache?: object}} [options] the Actions cache (default: @actions/cache when the runner offers it)
 */
export async function restoreImages(inputs, { cache } = {}) {
  if (!inputs.cacheImages) {
    core.info('cache-images is false: node images are not cached.');
    return undefined;
  }
  try {
    cache ??= await loadCache();
    if (!cache) {
      core.info('The Actions cache is not available here: node images are not cached.');
      return undefined;
    }
    const images = await plannedImages(inputs);
    if (images.length === 0) {
      core.info('The plan names no images: nothing to cache.');
      return undefined;
    }
    const key = imagesCacheKey(images);
    const directory = imagesDirectory();
    // Only what this key restores (or what is saved under it) is ever in the directory.
    fs.rmSync(directory, { recursive: true, force: true });
    fs.mkdirSync(directory, { recursive: true });
    core.info(`Images of the cluster: ${images.join(', ')} (cache key ${key}).`);

    let hit = false;
    try {
      hit = (await cache.restoreCache([directory], key)) === key;
    } catch (error) {
      core.warning(`Restoring node images from the cache failed: ${error.message}`);
    }
    const loaded = [];
    if (hit) {
      for (const tar of fs.readdirSync(directory).filter((f) => f.endsWith('.tar')).sort()) {
        const file = path.join(directory, tar);
        const { exitCode, stdout, stderr } = await run('docker', ['load', '-i', file]);
        if (exitCode === 0) {
          loaded.push(tar);
          core.info(stdout.trim() || `loaded ${tar}`);
        } else {
          core.warning(`docker load -i ${file} exited with ${exitCode}: ${stderr.trim()}`);
        }
      }
      core.info(`Loaded ${loaded.length} image tar(s) from the cache (${key}).`);
      // The images are in Docker now; the tars would only take the runner's disk.
      fs.rmSync(directory, { recursive: true, force: true });
    } else {
      core.info(`No cache for ${key}: the images will be saved after create.`);
    }
    return { cache, key, directory, images, hit, loaded };
  } catch (error) {
    core.warning(`Node images are not cached: ${error.message}`);
    return undefined;
  }
}

/**
 * After a successful create, on a cache miss: `docker save`s each image that exists locally to a tar
 * and saves the directory under the key. Images not present locally are left out. Never throws.
 * @param {{cache: object, key: string, directory: string, images: string[], hit: boolean} | undefined} restored
 * @returns {Promise<string[]>} the images saved to the cache
 */
export async function saveImages(restored) {
  if (!restored || restored.hit) {
    return [];
  }
  try {
    const { cache, key, directory, images } = restored;
    fs.mkdirSync(directory, { recursive: true });
    const saved = [];
    for (const image of images) {
      if ((await run('docker', ['image', 'inspect', '--format', '{{.Id}}', image])).exitCode !== 0) {
        core.info(`${image} is not present locally: not cached.`);
        continue;
      }
      const file = path.join(directory, tarName(image));
      const { exitCode, stderr } = await run('docker', ['save', '-o', file, image]);
      if (exitCode === 0) {
        saved.push(image);
      } else {
        fs.rmSync(file, { force: true });
        core.warning(`docker save ${image} exited with ${exitCode}: ${stderr.trim()}`);
      }
    }
    if (saved.length === 0) {
      core.info('No image to save: the cache is left as it is.');
      return [];
    }
    // @actions/cache reports its own failures (a warning, or a note when another job saved the key
    // first) and then returns -1 instead of throwing.
    if ((await cache.saveCache([directory], key)) === -1) {
      core.info(`The images were not saved to the cache (${key}); see the message above.`);
      return [];
    }
    core.info(`Saved ${saved.join(', ')} to the cache (${key}).`);
    return saved;
  } catch (error) {
    core.warning(`Saving node images to the cache failed: ${error.message}`);
    return [];
  } finally {
    fs.rmSync(restored.directory, { recursive: true, force: true });
  }
}
