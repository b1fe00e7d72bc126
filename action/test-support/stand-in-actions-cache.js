#!/usr/bin/env node
// StandInActionsCache: a stand-in for GitHub's Actions cache service (the v1 REST protocol that
// @actions/cache speaks when ACTIONS_CACHE_URL is set and ACTIONS_CACHE_SERVICE_V2 is not), used only
// by the action's tests: there is no real cache service off GitHub. It runs as its own process on
// 127.0.0.1 (the action's steps run as blocking child processes of the tests), keeps the archives
// in the directory given as its argument, prints `listening <port>` once ready, and appends one JSON
// line per request to <directory>/requests.log.
//   GET   _apis/artifactcache/cache?keys=k1,k2&version=v  200 {cacheKey, scope, archiveLocation} or 204
//         (the first key matches exactly, the others as prefixes, as the service matches restore keys)
//   POST  _apis/artifactcache/caches {key, version, cacheSize}  201 {cacheId}; 409 when that key and
//         version exist already (caches are immutable)
//   PATCH _apis/artifactcache/caches/<id> (Content-Range: bytes s-e/*)  a chunk of the archive
//   POST  _apis/artifactcache/caches/<id> {size}  commits it (400 when the size differs)
//   GET   archives/<id>  the archive
// STAND_IN_ACTIONS_CACHE_FAIL=1 makes every request fail with 500, as an unavailable service does.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

const directory = process.argv[2];
fs.mkdirSync(directory, { recursive: true });
const entries = []; // {id, key, version, committed, size}
const archive = (id) => path.join(directory, `${id}.archive`);
const failing = process.env.STAND_IN_ACTIONS_CACHE_FAIL === '1';

const body = (req) => new Promise((resolve) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks)));
});

const json = (res, status, value) => {
  const text = value === undefined ? '' : JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
};

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const data = await body(req);
  fs.appendFileSync(path.join(directory, 'requests.log'), JSON.stringify({ method: req.method, path: url.pathname, query: url.search, range: req.headers['content-range'] }) + '\n');
  if (failing) {
    return json(res, 500, { message: 'the stand-in cache service is failing on purpose' });
  }
  const api = /^\/_apis\/artifactcache\/(.+)$/.exec(url.pathname)?.[1];
  const id = Number(/^caches\/(\d+)$/.exec(api ?? '')?.[1]);
  if (req.method === 'GET' && api === 'cache') {
    const version = url.searchParams.get('version');
    const keys = (url.searchParams.get('keys') ?? '').split(',');
    const committed = entries.filter((e) => e.committed && e.version === version).reverse();
    const found = committed.find((e) => e.key === keys[0]) ?? keys.map((k) => committed.find((e) => e.key.startsWith(k))).find(Boolean);
    if (!found) {
      res.writeHead(204);
      return res.end();
    }
    const { port } = server.address();
    return json(res, 200, { cacheKey: found.key, scope: 'refs/heads/main', archiveLocation: `http://127.0.0.1:${port}/archives/${found.id}` });
  }
  if (req.method === 'POST' && api === 'caches') {
    const { key, version } = JSON.parse(data.toString());
    if (entries.some((e) => e.key === key && e.version === version)) {
      return json(res, 409, { message: `Cache already exists. Scope: refs/heads/main, Key: ${key}, Version: ${version}` });
    }
    const entry = { id: entries.length + 1, key, version, committed: false };
    entries.push(entry);
    fs.writeFileSync(archive(entry.id), '');
    return json(res, 201, { cacheId: entry.id });
  }
  const entry = entries.find((e) => e.id === id);
  if (req.method === 'PATCH' && entry && !entry.committed) {
    const [, start] = /^bytes (\d+)-(\d+)\/\*$/.exec(req.headers['content-range'] ?? '') ?? [];
    if (start === undefined) {
      return json(res, 400, { message: 'no Content-Range' });
    }
    const fd = fs.openSync(archive(id), 'r+');
    fs.writeSync(fd, data, 0, data.length, Number(start));
    fs.closeSync(fd);
    res.writeHead(204);
    return res.end();
  }
  if (req.method === 'POST' && entry && !entry.committed) {
    const { size } = JSON.parse(data.toString());
    if (fs.statSync(archive(id)).size !== size) {
      return json(res, 400, { message: `size ${size} differs from the ${fs.statSync(archive(id)).size} bytes uploaded` });
    }
    entry.committed = true;
    res.writeHead(204);
    return res.end();
  }
  const download = Number(/^\/archives\/(\d+)$/.exec(url.pathname)?.[1]);
  if (req.method === 'GET' && entries.some((e) => e.id === download && e.committed)) {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': fs.statSync(archive(download)).size });
    return fs.createReadStream(archive(download)).pipe(res);
  }
  return json(res, 404, { message: `the stand-in does not know ${req.method} ${url.pathname}` });
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
