// Phase 2: install the ksail dotnet tool (restored from the Actions cache when a version is pinned).
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as core from '@actions/core';
import * as exec from '@actions/exec';

/** The NuGet package of the ksail tool (PackageId in src/KSail.Cli/KSail.Cli.csproj). */
export const PACKAGE_ID = 'KSail.Cli';

/** Where `dotnet tool install --global` puts tools. */
export function toolDirectory(home = os.homedir()) {
  return path.join(home, '.dotnet', 'tools');
}

/**
 * The dotnet command line that installs the tool. `dotnet tool update --global` installs it when it
 * is missing and replaces it otherwise (a cached or preinstalled copy of another version); with a
 * pinned version `--allow-downgrade` lets it go back to an older one.
 */
export function installArgs({ version, source }) {
  const args = ['tool', 'update', '--global', PACKAGE_ID];
  if (version) {
    args.push('--version', version, '--allow-downgrade');
  }
  if (source) {
    args.push('--add-source', source);
  }
  return args;
}

/** The cache key of the tool directory; only a pinned version has one ("latest" changes). */
export function cacheKey(version, platform = process.platform, arch = process.arch) {
  return version ? `ksail-tool-${platform}-${arch}-${version}` : '';
}

/** The version `ksail --version` prints, or '' when ksail does not run. */
export async function ksailVersion() {
  try {
    const { exitCode, stdout } = await exec.getExecOutput('ksail', ['--version'], { silent: true, ignoreReturnCode: true });
    return exitCode === 0 ? stdout.trim() : '';
  } catch {
    return '';
  }
}

/** @actions/cache when the runner offers the Actions cache, else undefined (shared by the tool and image caches). */
export async function loadCache() {
  try {
    const cache = await import('@actions/cache');
    return cache.isFeatureAvailable() ? cache : undefined;
  } catch (error) {
    core.debug(`@actions/cache is not usable: ${error.message}`);
    return undefined;
  }
}

/**
 * Installs ksail unless `install: false` (then the ksail already on PATH is used, for example one
 * built from source in an earlier step) and returns the version that runs.
 */
export async function installKsail(inputs) {
  const tools = toolDirectory();
  if (!inputs.install) {
    const version = await ksailVersion();
    if (!version) {
      throw new Error("install is false but no 'ksail' runs from PATH");
    }
    core.info(`Using the ksail on PATH (${version}).`);
    return version;
  }

  core.addPath(tools);
  const key = cacheKey(inputs.version);
  const cache = key ? await loadCache() : undefined;
  let restored = false;
  if (cache) {
    try {
      restored = (await cache.restoreCache([tools], key)) === key;
    } catch (error) {
      core.warning(`Restoring the ksail tool from the cache failed: ${error.message}`);
    }
  }

  if (restored && (await ksailVersion()).startsWith(inputs.version)) {
    core.info(`ksail ${inputs.version} restored from the cache (${key}).`);
  } else {
    const code = await exec.exec('dotnet', installArgs(inputs), { ignoreReturnCode: true });
    if (code !== 0) {
      throw new Error(`installing the ksail tool failed: dotnet ${installArgs(inputs).join(' ')} exited with ${code}`);
    }
    if (cache && fs.existsSync(tools)) {
      try {
        await cache.saveCache([tools], key);
      } catch (error) {
        core.warning(`Saving the ksail tool to the cache failed: ${error.message}`);
      }
    }
  }

  const version = await ksailVersion();
  if (!version) {
    throw new Error(`ksail was installed into ${tools} but does not run (is the .NET 10 runtime set up? see actions/setup-dotnet)`);
  }
  return version;
}
