// Bundles src/main.js and src/post.js into dist/ (`npm run build`), or checks that the committed
// dist/ is what the sources build to (`npm run check-dist`: builds into a temporary directory and
// fails when a file differs).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.dirname(fileURLToPath(import.meta.url));

async function build(outdir) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'src/main.js', post: 'src/post.js' },
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies require Node's built-in modules.
    banner: { js: "import { createRequire as __ksailCreateRequire } from 'node:module'; const require = __ksailCreateRequire(import.meta.url);" },
  });
}

const files = (dir) => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

if (process.argv[2] === '--check') {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ksail-action-dist-'));
  try {
    await build(temp);
    const committed = path.join(root, 'dist');
    const names = [...new Set([...files(temp), ...files(committed)])];
    const differ = names.filter((name) => {
      const a = path.join(temp, name);
      const b = path.join(committed, name);
      return !fs.existsSync(a) || !fs.existsSync(b) || !fs.readFileSync(a).equals(fs.readFileSync(b));
    });
    if (differ.length) {
      console.error(`dist/ is not what the sources build to (${differ.join(', ')}): run 'npm run build' and commit dist/.`);
      process.exit(1);
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
