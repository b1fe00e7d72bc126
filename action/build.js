// Bundles src/main.js and src/post.js into dist/ with the licence notices of the npm packages the
// bundle holds (dist/THIRD-PARTY-NOTICES.txt) (`npm run build`), or checks that the committed dist/
// is what the sources build to (`npm run check-dist`: builds into a temporary directory and fails
// when a file, the notices included, differs or is missing).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writeThirdPartyNotices } from '@rnx-kit/third-party-notices';

const root = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** The notices file in dist/. */
export const NOTICES = 'THIRD-PARTY-NOTICES.txt';

/** The bundle's esbuild options, without outdir and plugins (test/dist.test.js bundles with them too). */
export const bundleOptions = {
  absWorkingDir: root,
  entryPoints: { main: 'src/main.js', post: 'src/post.js' },
  bundle: true,
  platform: 'node',
  // action.yml's runs.using.
  target: 'node24',
  format: 'esm',
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    js: [
      `// KSail.NET GitHub Action, bundled by action/build.js; the licences of the npm packages it holds: ${NOTICES}.`,
      // CommonJS dependencies require Node's built-in modules.
      "import { createRequire as __ksailCreateRequire } from 'node:module'; const require = __ksailCreateRequire(import.meta.url);",
    ].join('\n'),
  },
};

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The npm packages esbuild loaded for a build: each package directory (relative to root) with its
 * loaded files. A file's package is its innermost node_modules/<name> or node_modules/@scope/<name>,
 * so two versions of a package (one nested in another's node_modules) are two directories.
 */
function bundledPackages(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs).sort()) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
    if (match) packages.set(match[1], [...(packages.get(match[1]) ?? []), input]);
  }
  return new Map([...packages].sort(([a], [b]) => compare(a, b)));
}

/**
 * Each bundled package's name, version, licence (package.json's SPDX expression) and licence text,
 * as @rnx-kit/third-party-notices reads them from the package. It keys packages by name, so it is
 * asked about one package directory at a time (through the `sources` of a source map, which is what
 * it reads), and two versions of one package stay two entries.
 */
async function readLicences(packages) {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksail-action-notices-'));
  try {
    const sourceMapFile = path.join(temp, 'sources.map');
    const outputFile = path.join(temp, 'notices.json');
    const entries = [];
    for (const [dir, files] of packages) {
      fs.writeFileSync(sourceMapFile, JSON.stringify({ version: 3, sources: [`${dir}/package.json`], mappings: '' }));
      fs.rmSync(outputFile, { force: true });
      await writeThirdPartyNotices({ rootPath: root, sourceMapFile, outputFile, json: true, fullLicenseText: true });
      const found = JSON.parse(fs.readFileSync(outputFile, 'utf8')).packages;
      if (found.length !== 1) {
        throw new Error(`@rnx-kit/third-party-notices found ${found.length} packages in ${dir}, expected 1`);
      }
      entries.push({ ...found[0], dir, files });
    }
    return entries.sort((a, b) => compare(a.name, b.name) || compare(a.version, b.version));
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** The SPDX identifiers of a licence expression such as "(Apache-2.0 AND BSD-3-Clause)". */
export const licenceIds = (expression) => (expression.match(/[A-Za-z0-9.+-]+/g) ?? []).filter((id) => !['AND', 'OR', 'WITH'].includes(id));

/** An entry's licence text; for a package that ships no licence file, the SPDX License List's text of its licence. */
function licenceText(entry) {
  if (entry.text) return entry.text;
  const spdx = require('spdx-license-list/full');
  const texts = licenceIds(entry.license).map((id) => {
    if (!spdx[id]) throw new Error(`${entry.name} ${entry.version} ships no licence file and '${id}' is not in the SPDX License List`);
    return spdx[id].licenseText.replace(/\r\n?/g, '\n').trim();
  });
  return [
    `(${entry.name} ships no licence file. Its package.json names the licence ${entry.license};`,
    `copyright, as the package names it: ${entry.copyright}. The licence text below is the SPDX License List's.)`,
    '',
    texts.join('\n\n'),
  ].join('\n');
}

/** The first comment of a source file (a run of // lines or one block comment, after "use strict"), without its markers. */
function firstComment(file) {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const match = /^\s*(?:(['"])use strict\1;?\s*)?((?:\/\/[^\n]*(?:\n[ \t]*|$))+|\/\*[\s\S]*?\*\/)/.exec(text);
  if (!match) return '';
  return match[2].split('\n')
    .map((line) => line.trim().replace(/^\/\/ ?|^\/\*+ ?|^\*\/$|^\* ?/, '').replace(/\s*\*\/$/, '').trimEnd())
    .join('\n').trim();
}

const squeeze = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * Copyright notices that open a package's bundled files and that its licence text lacks (the
 * BSD-3-Clause parts of @protobuf-ts/runtime, say), each once: esbuild drops comments.
 */
function fileNotices(files, licence) {
  const notices = new Set();
  for (const file of files) {
    const comment = firstComment(file);
    const copyrights = comment.split('\n').filter((line) => /^copyright\b/i.test(line.trim()));
    if (copyrights.some((line) => !squeeze(licence).includes(squeeze(line)))) notices.add(comment);
  }
  return [...notices];
}

/** NOTICE files a package ships (Apache-2.0 asks that they go along). */
function noticeTexts(dir) {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((file) => file.isFile() && /^notice/i.test(file.name))
    .map((file) => `${file.name}:\n\n${fs.readFileSync(path.join(root, dir, file.name), 'utf8').replace(/\r\n?/g, '\n').trim()}`);
}

/** The notices file's text for a build's metafile. */
async function noticesText(metafile) {
  const entries = await readLicences(bundledPackages(metafile));
  const rule = '='.repeat(80);
  const header = [
    'Third-party notices of the KSail.NET GitHub Action (action/dist)',
    '',
    `dist/main.js and dist/post.js hold code of the ${entries.length} npm packages below. Each entry gives the`,
    'package\'s name and version, its licence (the SPDX expression of its package.json) and the licence',
    'text it ships, with its NOTICE file and the copyright notices at the top of its bundled files that',
    'the licence text lacks, if there are any.',
    '',
    'action/build.js writes this file (npm run build) from esbuild\'s metafile with',
    '@rnx-kit/third-party-notices, and npm run check-dist fails when it is not current: do not edit it.',
  ].join('\n');
  const parts = entries.map((entry) => {
    const licence = licenceText(entry);
    const inFiles = fileNotices(entry.files, licence);
    return [
      `${entry.name} ${entry.version}`,
      `License: ${entry.license}`,
      '',
      licence,
      ...noticeTexts(entry.dir).flatMap((notice) => ['', notice]),
      ...(inFiles.length ? ['', 'Copyright notices at the top of its bundled files that the licence text above lacks:'] : []),
      ...inFiles.flatMap((notice) => ['', notice]),
    ].join('\n');
  });
  return [header, ...parts].join(`\n\n${rule}\n`) + '\n';
}

/** An esbuild plugin: after a successful build, writes the notices file into the output directory. */
function thirdPartyNotices() {
  return {
    name: 'third-party-notices',
    setup(build) {
      build.initialOptions.metafile = true;
      build.onEnd(async (result) => {
        if (result.errors.length) return;
        const outdir = path.resolve(root, build.initialOptions.outdir);
        fs.writeFileSync(path.join(outdir, NOTICES), await noticesText(result.metafile));
      });
    },
  };
}

async function build(outdir) {
  await esbuild.build({ ...bundleOptions, outdir, plugins: [thirdPartyNotices()] });
}

const files = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

async function cli() {
  if (process.argv[2] === '--check') {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksail-action-dist-'));
    try {
      await build(temp);
      if (!fs.existsSync(path.join(temp, NOTICES))) {
        console.error(`the build wrote no ${NOTICES}.`);
        process.exitCode = 1;
        return;
      }
      const committed = path.join(root, 'dist');
      const names = [...new Set([...files(temp), ...files(committed)])];
      const differ = names.filter((name) => {
        const a = path.join(temp, name);
        const b = path.join(committed, name);
        return !fs.existsSync(a) || !fs.existsSync(b) || !fs.readFileSync(a).equals(fs.readFileSync(b));
      });
      if (differ.length) {
        console.error(`dist/ is not what the sources build to (${differ.join(', ')}): run 'npm run build' and commit dist/.`);
        process.exitCode = 1;
        return;
      }
      console.log(`dist/ is current (${names.join(', ')}).`);
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
  } else {
    const outdir = path.join(root, process.argv[2] ?? 'dist');
    fs.rmSync(outdir, { recursive: true, force: true });
    await build(outdir);
    console.log(`built ${files(outdir).join(', ')} into ${path.relative(root, outdir) || '.'}`);
  }
}

// Run as a script (node build.js); imported (by the tests) it only exports.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await cli();
}
