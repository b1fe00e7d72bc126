// What dist/ must carry besides the bundle: the runtime action.yml names, and the licence notices of
// every npm package the bundle holds (dist/THIRD-PARTY-NOTICES.txt, which build.js writes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';
import { actionRoot } from '../test-support/runner.js';
import { NOTICES, bundleOptions, licenceIds } from '../build.js';

const require = createRequire(import.meta.url);
const normalize = (text) => text.replace(/\r\n?/g, '\n').trim();
const squeeze = (text) => text.replace(/\s+/g, ' ').trim();

test('the action runs on node24, and the bundle is built for node24', () => {
  const yml = fs.readFileSync(path.join(actionRoot, 'action.yml'), 'utf8');
  const runs = /^runs:\n((?:[ \t]+.*\n?)*)/m.exec(yml);
  assert.ok(runs, 'action.yml has a runs: section');
  assert.match(runs[1], /^ {2}using: node24$/m);
  assert.equal(bundleOptions.target, 'node24');
  const pkg = JSON.parse(fs.readFileSync(path.join(actionRoot, 'package.json'), 'utf8'));
  assert.equal(pkg.engines.node, '>=24');
});

/**
 * The bundle's npm packages as esbuild's metafile shows them: `held`, directory -> the files of it
 * that went into an output; `loaded`, the directories of all the files esbuild read.
 */
async function bundledPackages() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksail-action-metafile-'));
  try {
    const { metafile } = await esbuild.build({ ...bundleOptions, outdir, write: false, metafile: true, logLevel: 'silent' });
    const dirOf = (input) => /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
    const held = new Map();
    for (const output of Object.values(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const dir = dirOf(input);
        if (dir && bytesInOutput > 0) held.set(dir, [...(held.get(dir) ?? []), input]);
      }
    }
    const loaded = new Set(Object.keys(metafile.inputs).map(dirOf).filter(Boolean));
    return { held, loaded };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** The notices file's entries: "name version" -> { license, body }. */
function readNotices() {
  const file = path.join(actionRoot, 'dist', NOTICES);
  assert.ok(fs.existsSync(file), `dist/${NOTICES} exists (npm run build writes it)`);
  const [header, ...parts] = fs.readFileSync(file, 'utf8').split(`\n\n${'='.repeat(80)}\n`);
  const entries = new Map();
  for (const part of parts) {
    const [title, licenseLine, blank, ...body] = part.split('\n');
    assert.match(licenseLine, /^License: \S/, `the entry ${title} names its licence`);
    assert.equal(blank, '');
    assert.ok(!entries.has(title), `${title} is listed once`);
    entries.set(title, { license: licenseLine.slice('License: '.length), body: body.join('\n') });
  }
  return { header, entries };
}

test(`dist/${NOTICES} lists every npm package the bundle holds, with its version, licence and licence text`, async () => {
  const { held, loaded } = await bundledPackages();
  const { header, entries } = readNotices();
  assert.ok(held.size > 30, `the bundle holds the @actions and Azure packages (${held.size} found)`);
  assert.match(header, new RegExp(`the ${entries.size} npm packages below`));

  const titleOf = (dir) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(actionRoot, dir, 'package.json'), 'utf8'));
    return { pkg, title: `${pkg.name} ${pkg.version}` };
  };
  for (const [dir, files] of held) {
    const { pkg, title } = titleOf(dir);
    const entry = entries.get(title);
    assert.ok(entry, `${title} (${dir}) is in dist/${NOTICES}: run 'npm run build' and commit dist/`);
    assert.equal(entry.license, pkg.license, `${title}: the licence of its package.json`);

    const shipped = fs.readdirSync(path.join(actionRoot, dir), { withFileTypes: true })
      .filter((f) => f.isFile() && /LICENSE|LICENCE|COPYING/i.test(f.name));
    if (shipped.length) {
      const texts = shipped.map((f) => normalize(fs.readFileSync(path.join(actionRoot, dir, f.name), 'utf8')));
      assert.ok(texts.some((text) => entry.body.includes(text)), `${title}: the text of its ${shipped.map((f) => f.name).join(' or ')}`);
    } else {
      // No licence file: the SPDX License List's text of each licence its package.json names.
      assert.match(entry.body, new RegExp(`ships no licence file`), `${title}: says it ships no licence file`);
      const spdx = require('spdx-license-list/full');
      for (const id of licenceIds(pkg.license)) {
        assert.ok(entry.body.includes(normalize(spdx[id].licenseText)), `${title}: the SPDX text of ${id}`);
      }
    }
    for (const f of fs.readdirSync(path.join(actionRoot, dir)).filter((name) => /^notice/i.test(name))) {
      assert.ok(entry.body.includes(normalize(fs.readFileSync(path.join(actionRoot, dir, f), 'utf8'))), `${title}: its ${f}`);
    }
    // Copyright lines at the top of its bundled files (which esbuild drops) are in the entry too.
    for (const file of files) {
      const top = /^\s*(?:(['"])use strict\1;?\s*)?((?:\/\/[^\n]*(?:\n[ \t]*|$))+|\/\*[\s\S]*?\*\/)/.exec(fs.readFileSync(path.join(actionRoot, file), 'utf8'));
      for (const line of (top?.[2] ?? '').split('\n')) {
        const copyright = /^\s*(?:\/\/|\/?\*+)?\s*(copyright\b.*?)(?:\*\/)?\s*$/i.exec(line)?.[1];
        if (copyright) assert.ok(squeeze(entry.body).includes(squeeze(copyright)), `${title}: '${copyright}' (${file})`);
      }
    }
  }

  const read = new Set([...loaded].map((dir) => titleOf(dir).title));
  const stale = [...entries.keys()].filter((title) => !read.has(title));
  assert.deepEqual(stale, [], `dist/${NOTICES} lists packages the bundle does not hold: run 'npm run build' and commit dist/`);
});
