import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, parseBoolean, readInputs, splitArgs } from '../src/inputs.js';

const from = (values) => (name) => values[name] ?? '';

test('no inputs given: the defaults action.yml states', () => {
  assert.deepEqual(readInputs(from({})), {
    config: 'ksail.yaml', name: '', distribution: '', localRegistry: '', version: '', wait: '', teardown: true, args: [], source: '', install: true, cacheImages: true, importImages: [], push: false, reconcile: false,
  });
  assert.equal(DEFAULTS.teardown, 'true');
});

test('given inputs are trimmed and kept; version latest means no pinned version', () => {
  const inputs = readInputs(from({
    config: ' ci/ksail.yaml ', name: 'ci', distribution: 'K3s', 'local-registry': 'localhost:5050', version: '0.1.0', wait: '5m', teardown: 'False', args: '--workers 2', source: '/feed', install: 'false', 'cache-images': 'off', 'import-images': 'app:ci\n  worker:ci ', push: 'true', reconcile: 'False',
  }));
  assert.deepEqual(inputs, {
    config: 'ci/ksail.yaml', name: 'ci', distribution: 'K3s', localRegistry: 'localhost:5050', version: '0.1.0', wait: '5m', teardown: false, args: ['--workers', '2'], source: '/feed', install: false, cacheImages: false, importImages: ['app:ci', 'worker:ci'], push: true, reconcile: false,
  });
  assert.equal(readInputs(from({ version: 'latest' })).version, '');
});

test('teardown must be true or false', () => {
  assert.equal(parseBoolean('teardown', 'TRUE'), true);
  assert.equal(parseBoolean('teardown', 'no'), false);
  assert.throws(() => readInputs(from({ teardown: 'sometimes' })), /input 'teardown' is 'sometimes': use true or false/);
});

test('args are split as a shell splits words', () => {
  assert.deepEqual(splitArgs(''), []);
  assert.deepEqual(splitArgs('--workers 2\n--metrics-server   Disabled'), ['--workers', '2', '--metrics-server', 'Disabled']);
  assert.deepEqual(splitArgs(`--kubeconfig "my dir/config" --ttl '30m' a\\ b ""`), ['--kubeconfig', 'my dir/config', '--ttl', '30m', 'a b', '']);
  assert.throws(() => splitArgs('--name "open'), /unclosed " quote/);
});
