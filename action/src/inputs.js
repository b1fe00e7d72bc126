// Phase 1: the action's inputs, read and defaulted. No cluster logic: every value is passed to ksail as it is.
import * as core from '@actions/core';

/** The defaults action.yml states; applied here too so a missing INPUT_* variable means the same. */
export const DEFAULTS = Object.freeze({
  config: 'ksail.yaml',
  name: '',
  distribution: '',
  'local-registry': '',
  version: '',
  wait: '',
  teardown: 'true',
  args: '',
  source: '',
  install: 'true',
  'cache-images': 'true',
  'import-images': '',
  push: 'false',
  reconcile: 'false',
});

/**
 * Reads the inputs.
 * @param {(name: string) => string} [getInput] reads one input (default: @actions/core's getInput).
 * @returns {{config: string, name: string, distribution: string, localRegistry: string, version: string, wait: string,
 *   teardown: boolean, args: string[], source: string, install: boolean, cacheImages: boolean,
 *   importImages: string[], push: boolean, reconcile: boolean}}
 */
export function readInputs(getInput = (name) => core.getInput(name)) {
  const get = (name) => {
    const value = (getInput(name) ?? '').trim();
    return value === '' ? DEFAULTS[name] : value;
  };
  return {
    config: get('config'),
    name: get('name'),
    distribution: get('distribution'),
    localRegistry: get('local-registry'),
    version: get('version') === 'latest' ? '' : get('version'),
    wait: get('wait'),
    teardown: parseBoolean('teardown', get('teardown')),
    args: splitArgs(get('args')),
    source: get('source'),
    install: parseBoolean('install', get('install')),
    cacheImages: parseBoolean('cache-images', get('cache-images')),
    importImages: splitArgs(get('import-images')),
    push: parseBoolean('push', get('push')),
    reconcile: parseBoolean('reconcile', get('reconcile')),
  };
}

/** true/false (any case), as the YAML 1.2 core schema and @actions/core's getBooleanInput read them. */
export function parseBoolean(name, value) {
  if (/^(true|yes|on)$/i.test(value)) {
    return true;
  }
  if (/^(false|no|off)$/i.test(value)) {
    return false;
  }
  throw new Error(`input '${name}' is '${value}': use true or false`);
}

/**
 * Splits extra arguments as a shell would split words: spaces separate, single and double quotes
 * group, a backslash escapes the next character (outside single quotes). Newlines count as spaces,
 * so a YAML block (`args: |`) can put one flag per line.
 */
export function splitArgs(text) {
  const words = [];
  let word = '';
  let inWord = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") {
        quote = '';
      } else {
        word += c;
      }
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (quote === '"') {
      if (c === '"') {
        quote = '';
      } else {
        word += c;
      }
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote !== '') {
    throw new Error(`input 'args' has an unclosed ${quote} quote: ${text}`);
  }
  if (inWord) {
    words.push(word);
  }
  return words;
}
