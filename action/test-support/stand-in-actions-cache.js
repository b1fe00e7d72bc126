#!/usr/bin/env node
// StandInActionsCache: a stand-in for GitHub's Actions cache service, used only by the action's tests:
// there is no real cache service off GitHub. It runs as its own process on 127.0.0.1 (the action's
// steps run as blocking child processes of the tests), keeps the archives in the directory given as
// its first argument, speaks the protocol named by its second argument (v1, the default, or v2),
// prints `listening <port>` once ready, and appends one JSON line per request to
// <directory>/requests.log: {method, path, query, range} (v2 adds host, x-ms-blob-type as blobType,
// and for Twirp calls the body).
//
// v1: the REST protocol @actions/cache speaks when ACTIONS_CACHE_URL is set and ACTIONS_CACHE_SERVICE_V2 is not.
//   GET   _apis/artifactcache/cache?keys=k1,k2&version=v  200 {cacheKey, scope, archiveLocation} or 204
//         (the first key matches exactly, the others as prefixes, as the service matches restore keys)
//   POST  _apis/artifactcache/caches {key, version, cacheSize}  201 {cacheId}; 409 when that key and
//         version exist already (caches are immutable)
//   PATCH _apis/artifactcache/caches/<id> (Content-Range: bytes s-e/*)  a chunk of the archive
//   POST  _apis/artifactcache/caches/<id> {size}  commits it (400 when the size differs)
//   GET   archives/<id>  the archive
//
// v2: what GitHub.com serves now (ACTIONS_CACHE_SERVICE_V2 and ACTIONS_RESULTS_URL). Twirp JSON calls
// (POST, Authorization: Bearer <ACTIONS_RUNTIME_TOKEN>, proto field names) that hand out signed blob URLs:
//   /twirp/github.actions.results.api.v1.CacheService/GetCacheEntryDownloadURL {key, restore_keys, version}
//         {ok: true, signed_download_url, matched_key}, or {ok: false} (key exact, restore keys as prefixes)
//   .../CreateCacheEntry {key, version}  {ok: true, signed_upload_url}; Twirp error already_exists (409)
//         when that key and version exist already
//   .../FinalizeCacheEntryUpload {key, version, size_bytes}  {ok: true, entry_id}; {ok: false, message}
//         when nothing or a different size was uploaded
// Twirp errors are {code, msg} with the matching HTTP status. The archive itself moves with the Azure
// Storage Blob SDK, which @actions/cache uses only for hosts under .blob.core.windows.net: the signed
// URLs name http://ksail-stand-in.blob.core.windows.net/actions-cache/<id> (a hyphen is not allowed in
// a storage account name, so that host cannot exist) and reach this server as its HTTP proxy
// (HTTP_PROXY in the env startActionsCache returns); it forwards nothing. The blob side, as Azure does
// for a SAS (sp=r to read, sp=cw to write, se the expiry, sig an HMAC only this process can make; else
// 403 AuthenticationFailed, an XML StorageError with x-ms-error-code):
//   PUT  <blob> (x-ms-blob-type: BlockBlob)  Put Blob: the archive in one request  201
//   PUT  <blob>?comp=block&blockid=<base64>  Put Block  201
//   PUT  <blob>?comp=blocklist <BlockList><Latest>id</Latest>...</BlockList>  Put Block List  201
//   HEAD <blob>  Get Blob Properties (Content-Length, ETag)  200
//   GET  <blob> (x-ms-range: bytes=s-e)  Get Blob: 206 with that range, or 200 with all of it
//
// STAND_IN_ACTIONS_CACHE_FAIL makes it fail: `1` every request with 500 (an unavailable service; the v2
// client retries 500s for about half a minute per call), `rate-limited` every v2 Twirp call with 429
// resource_exhausted (not retried), `blob` every v2 blob request with 403 AuthenticationFailed (a SAS
// the storage rejects) while the Twirp calls work.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

const directory = process.argv[2];
const protocol = process.argv[3] ?? 'v1';
if (!['v1', 'v2'].includes(protocol)) {
  throw new Error(`the stand-in Actions cache speaks v1 or v2, not ${protocol}`);
}
fs.mkdirSync(directory, { recursive: true });
const entries = []; // {id, key, version, committed}
const archive = (id) => path.join(directory, `${id}.archive`);
const failing = process.env.STAND_IN_ACTIONS_CACHE_FAIL ?? '';
const token = process.env.STAND_IN_ACTIONS_CACHE_TOKEN ?? 'stand-in-token';

const body = (req) => new Promise((resolve) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => resolve(Buffer.concat(chunks)));
});

const json = (res, status, value, headers = {}) => {
  const text = value === undefined ? '' : JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
};

/** The newest committed entry of this version whose key is the first key, else starts with one of the others. */
function match(keys, version) {
  const committed = entries.filter((e) => e.committed && e.version === version).reverse();
  return committed.find((e) => e.key === keys[0]) ?? keys.slice(1).map((k) => committed.find((e) => e.key.startsWith(k))).find(Boolean);
}

function reserve(key, version) {
  if (entries.some((e) => e.key === key && e.version === version)) {
    return undefined;
  }
  const entry = { id: entries.length + 1, key, version, committed: false };
  entries.push(entry);
  return entry;
}

// ---- v1 -------------------------------------------------------------------------------------------

async function v1(req, res, url, data) {
  const api = /^\/_apis\/artifactcache\/(.+)$/.exec(url.pathname)?.[1];
  const id = Number(/^caches\/(\d+)$/.exec(api ?? '')?.[1]);
  if (req.method === 'GET' && api === 'cache') {
    // v1 matches every key of the list as a prefix once the first did not match exactly.
    const keys = (url.searchParams.get('keys') ?? '').split(',');
    const found = match([keys[0], ...keys], url.searchParams.get('version'));
    if (!found) {
      res.writeHead(204);
      return res.end();
    }
    const { port } = server.address();
    return json(res, 200, { cacheKey: found.key, scope: 'refs/heads/main', archiveLocation: `http://127.0.0.1:${port}/archives/${found.id}` });
  }
  if (req.method === 'POST' && api === 'caches') {
    const { key, version } = JSON.parse(data.toString());
    const entry = reserve(key, version);
    if (!entry) {
      return json(res, 409, { message: `Cache already exists. Scope: refs/heads/main, Key: ${key}, Version: ${version}` });
    }
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
}

// ---- v2: Twirp ------------------------------------------------------------------------------------

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';
const BLOB_HOST = 'ksail-stand-in.blob.core.windows.net';
const CONTAINER = 'actions-cache';
const secret = crypto.randomBytes(32);
const twirpStatus = { invalid_argument: 400, unauthenticated: 401, not_found: 404, already_exists: 409, resource_exhausted: 429, internal: 500 };
const twirpError = (res, code, msg, headers) => json(res, twirpStatus[code], { code, msg }, headers);

const signature = (blobPath, permissions, expiry) =>
  crypto.createHmac('sha256', secret).update(`${permissions}\n${expiry}\n${blobPath}`).digest('base64');

/** A SAS URL of one entry's blob, as the service hands out: readable (r) or creatable and writable (cw), for an hour. */
function signedUrl(entry, permissions) {
  const blobPath = `/${CONTAINER}/${entry.id}`;
  const expiry = new Date(Date.now() + 60 * 60 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  const query = new URLSearchParams({ sv: '2025-05-05', sr: 'b', sp: permissions, se: expiry, sig: signature(blobPath, permissions, expiry) });
  return `http://${BLOB_HOST}${blobPath}?${query}`;
}

async function twirp(req, res, method, data) {
  if (failing === 'rate-limited') {
    return twirpError(res, 'resource_exhausted', 'the stand-in cache service is rate limiting on purpose', { 'Retry-After': '60' });
  }
  if (req.method !== 'POST' || !/^application\/json/.test(req.headers['content-type'] ?? '')) {
    return twirpError(res, 'invalid_argument', 'Twirp JSON calls are POSTs of application/json');
  }
  if (req.headers.authorization !== `Bearer ${token}`) {
    return twirpError(res, 'unauthenticated', 'no or a wrong runtime token');
  }
  let request;
  try {
    request = JSON.parse(data.toString());
  } catch {
    return twirpError(res, 'invalid_argument', 'the body is not JSON');
  }
  if (!request.key || !request.version) {
    return twirpError(res, 'invalid_argument', 'key and version are required');
  }
  if (method === 'GetCacheEntryDownloadURL') {
    const found = match([request.key, request.key, ...(request.restore_keys ?? [])], request.version);
    return found
      ? json(res, 200, { ok: true, signed_download_url: signedUrl(found, 'r'), matched_key: found.key })
      : json(res, 200, { ok: false, signed_download_url: '', matched_key: '' });
  }
  if (method === 'CreateCacheEntry') {
    const entry = reserve(request.key, request.version);
    return entry
      ? json(res, 200, { ok: true, signed_upload_url: signedUrl(entry, 'cw'), message: '' })
      : twirpError(res, 'already_exists', 'cache entry with the same key, version, and scope already exists');
  }
  if (method === 'FinalizeCacheEntryUpload') {
    const entry = entries.find((e) => e.key === request.key && e.version === request.version && !e.committed);
    if (!entry) {
      return json(res, 200, { ok: false, entry_id: '0', message: `no cache entry of key ${request.key} is being uploaded` });
    }
    const size = fs.existsSync(archive(entry.id)) ? fs.statSync(archive(entry.id)).size : -1;
    if (size !== Number(request.size_bytes)) {
      return json(res, 200, { ok: false, entry_id: '0', message: `size ${request.size_bytes} differs from the ${size} bytes committed to the blob` });
    }
    entry.committed = true;
    return json(res, 200, { ok: true, entry_id: String(entry.id), message: '' });
  }
  return twirpError(res, 'not_found', `the stand-in has no method ${method}`);
}

// ---- v2: the blob ---------------------------------------------------------------------------------

function storageError(res, status, code, message) {
  const text = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(text), 'x-ms-error-code': code });
  res.end(text);
}

function created(res, headers = {}) {
  res.writeHead(201, { 'Content-Length': 0, 'Last-Modified': new Date().toUTCString(), 'x-ms-request-server-encrypted': 'true', ...headers });
  res.end();
}

const blockFile = (id, blockId) => path.join(directory, 'blocks', String(id), Buffer.from(blockId, 'base64').toString('hex'));
const etag = (file) => `"0x${crypto.createHash('sha256').update(`${fs.statSync(file).size}:${fs.statSync(file).mtimeMs}`).digest('hex').slice(0, 16).toUpperCase()}"`;

async function blob(req, res, url, data) {
  if (failing === 'blob') {
    return storageError(res, 403, 'AuthenticationFailed', 'Server failed to authenticate the request (the stand-in fails on purpose).');
  }
  const id = Number(new RegExp(`^/${CONTAINER}/(\\d+)$`).exec(url.pathname)?.[1]);
  const entry = entries.find((e) => e.id === id);
  const q = url.searchParams;
  const writing = req.method === 'PUT';
  const expired = !(Date.parse(q.get('se') ?? '') > Date.now());
  if (!entry || q.get('sig') !== signature(url.pathname, q.get('sp') ?? '', q.get('se') ?? '') || expired) {
    return storageError(res, 403, 'AuthenticationFailed', 'Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.');
  }
  if (!(q.get('sp') ?? '').includes(writing ? 'w' : 'r')) {
    return storageError(res, 403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.');
  }
  if (writing && entry.committed) {
    return storageError(res, 409, 'BlobImmutableDueToPolicy', 'The cache entry is finalized: its blob cannot change.');
  }
  const file = archive(id);
  if (req.method === 'PUT' && q.get('comp') === 'block') {
    const blockId = q.get('blockid') ?? '';
    if (!blockId || Number(req.headers['content-length']) !== data.length) {
      return storageError(res, 400, 'InvalidQueryParameterValue', 'a block needs a blockid and a Content-Length');
    }
    fs.mkdirSync(path.dirname(blockFile(id, blockId)), { recursive: true });
    fs.writeFileSync(blockFile(id, blockId), data);
    return created(res);
  }
  if (req.method === 'PUT' && q.get('comp') === 'blocklist') {
    const ids = [...data.toString().matchAll(/<(Latest|Uncommitted|Committed)>([^<]*)<\/\1>/g)].map((m) => m[2]);
    const missing = ids.find((b) => !fs.existsSync(blockFile(id, b)));
    if (ids.length === 0 || missing !== undefined) {
      return storageError(res, 400, 'InvalidBlockList', `The specified block list is invalid${missing ? `: no block ${missing}` : ''}.`);
    }
    fs.writeFileSync(file, '');
    for (const b of ids) {
      fs.appendFileSync(file, fs.readFileSync(blockFile(id, b)));
    }
    fs.rmSync(path.join(directory, 'blocks', String(id)), { recursive: true, force: true });
    return created(res, { ETag: etag(file) });
  }
  if (req.method === 'PUT' && !q.get('comp')) {
    if (req.headers['x-ms-blob-type'] !== 'BlockBlob') {
      return storageError(res, 400, 'MissingRequiredHeader', 'An HTTP header that is mandatory for this request is not specified: x-ms-blob-type.');
    }
    fs.writeFileSync(file, data);
    return created(res, { ETag: etag(file), 'Content-MD5': crypto.createHash('md5').update(data).digest('base64') });
  }
  if ((req.method === 'GET' || req.method === 'HEAD') && !q.get('comp')) {
    if (!entry.committed || !fs.existsSync(file)) {
      return storageError(res, 404, 'BlobNotFound', 'The specified blob does not exist.');
    }
    const size = fs.statSync(file).size;
    const headers = {
      'Content-Type': 'application/octet-stream', 'Accept-Ranges': 'bytes', ETag: etag(file),
      'Last-Modified': fs.statSync(file).mtime.toUTCString(), 'x-ms-blob-type': 'BlockBlob',
    };
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers['x-ms-range'] ?? req.headers.range ?? '');
    if (req.method === 'HEAD' || !range) {
      res.writeHead(200, { ...headers, 'Content-Length': size });
      return req.method === 'HEAD' ? res.end() : fs.createReadStream(file).pipe(res);
    }
    const start = Number(range[1]);
    const end = Math.min(range[2] === '' ? size - 1 : Number(range[2]), size - 1);
    if (start > end) {
      return storageError(res, 416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.');
    }
    res.writeHead(206, { ...headers, 'Content-Length': end - start + 1, 'Content-Range': `bytes ${start}-${end}/${size}` });
    return fs.createReadStream(file, { start, end }).pipe(res);
  }
  return storageError(res, 400, 'UnsupportedHttpVerb', `the stand-in does not know ${req.method} ${url.pathname}${url.search}`);
}

// ---- the server -----------------------------------------------------------------------------------

const server = http.createServer(async (req, res) => {
  // A request to the blob host comes through this server as its proxy, in absolute form.
  const url = new URL(req.url, `http://${req.headers.host ?? '127.0.0.1'}`);
  const data = await body(req);
  const line = { method: req.method, path: url.pathname, query: url.search, range: req.headers['content-range'] ?? req.headers['x-ms-range'] ?? req.headers.range };
  if (protocol === 'v2') {
    line.host = url.hostname;
    if (req.headers['x-ms-blob-type']) line.blobType = req.headers['x-ms-blob-type'];
    if (url.pathname.startsWith(TWIRP) && /^application\/json/.test(req.headers['content-type'] ?? '')) {
      try {
        line.body = JSON.parse(data.toString());
      } catch {
        line.body = data.toString();
      }
    }
  }
  fs.appendFileSync(path.join(directory, 'requests.log'), JSON.stringify(line) + '\n');
  if (failing === '1') {
    return json(res, 500, protocol === 'v2' ? { code: 'internal', msg: 'the stand-in cache service is failing on purpose' } : { message: 'the stand-in cache service is failing on purpose' });
  }
  if (protocol === 'v1') {
    return v1(req, res, url, data);
  }
  if (url.hostname === BLOB_HOST) {
    return blob(req, res, url, data);
  }
  if (url.hostname !== '127.0.0.1') {
    return json(res, 502, { message: `the stand-in is a proxy only for ${BLOB_HOST}, not ${url.hostname}: it forwards nothing` });
  }
  if (url.pathname.startsWith(TWIRP)) {
    return twirp(req, res, url.pathname.slice(TWIRP.length), data);
  }
  return json(res, 404, { message: `the stand-in (v2) does not know ${req.method} ${url.pathname}` });
});

server.listen(0, '127.0.0.1', () => {
  console.log(`listening ${server.address().port}`);
});
