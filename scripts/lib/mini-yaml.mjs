// A small YAML reader for the block-style YAML that OpenAPI documents are written in: block mappings and
// sequences, `|` / `|-` / `>` block scalars, double-quoted, single-quoted and plain scalars (plain ones may
// continue on more-indented lines), `[]` / `{}` and simple flow sequences. Anything else (anchors, tags,
// complex keys, multi-document streams) throws, so a document it cannot read is never read wrongly.
// Used only by scripts/generate-contract.mjs, which writes JSON into the repository.

/** @param {string} text @returns {unknown} */
export function parseYaml(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;

  const indentOf = (/** @type {string} */ line) => line.length - line.trimStart().length;
  const isBlank = (/** @type {string} */ line) => line.trim() === '' || line.trimStart().startsWith('#');
  const skipBlank = () => {
    while (i < lines.length && isBlank(lines[i])) i++;
  };
  const fail = (/** @type {string} */ why, at = i) => {
    throw new Error(`YAML line ${at + 1}: ${why}: ${JSON.stringify(lines[at] ?? '')}`);
  };

  /** @param {string} raw @param {number} at */
  function scalar(raw, at) {
    const s = raw.replace(/\s+#.*$/, (m) => (raw.trimStart().startsWith('"') || raw.trimStart().startsWith("'") ? m : '')).trim();
    if (s.startsWith('"')) {
      const end = s.lastIndexOf('"');
      if (end <= 0) fail('unterminated double-quoted string', at);
      try {
        return JSON.parse(s.slice(0, end + 1).replace(/\\\//g, '/'));
      } catch {
        return fail('unsupported escape in a double-quoted string', at);
      }
    }
    if (s.startsWith("'")) {
      if (!s.endsWith("'") || s.length < 2) fail('unterminated single-quoted string', at);
      return s.slice(1, -1).replace(/''/g, "'");
    }
    if (s === '[]') return [];
    if (s === '{}') return {};
    if (s.startsWith('[') && s.endsWith(']')) {
      const inner = s.slice(1, -1);
      if (/[[\]{}"']/.test(inner)) fail('nested or quoted flow collections are not supported', at);
      return inner.split(',').map((part) => scalar(part, at));
    }
    if (s.startsWith('{') || s.startsWith('&') || s.startsWith('*') || s.startsWith('!')) fail('flow mappings, anchors, aliases and tags are not supported', at);
    if (s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
    if (s === 'true' || s === 'True' || s === 'TRUE') return true;
    if (s === 'false' || s === 'False' || s === 'FALSE') return false;
    if (/^[-+]?(0|[1-9][0-9]*)$/.test(s)) return Number(s);
    if (/^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(s) || /^[-+]?[0-9]+[eE][-+]?[0-9]+$/.test(s)) return Number(s);
    return s;
  }

  /** Block scalar after `key: |` at parent indent `parent`. */
  function blockScalar(/** @type {string} */ indicator, /** @type {number} */ parent) {
    const style = indicator[0];
    const chomp = indicator.includes('-') ? 'strip' : indicator.includes('+') ? 'keep' : 'clip';
    if (/[0-9]/.test(indicator)) fail('explicit indentation indicators are not supported');
    /** @type {string[]} */
    const body = [];
    let blockIndent = -1;
    while (i < lines.length) {
      const line = lines[i];
      if (line.trim() === '') {
        body.push('');
        i++;
        continue;
      }
      const ind = indentOf(line);
      if (ind <= parent) break;
      if (blockIndent < 0) blockIndent = ind;
      if (ind < blockIndent) break;
      body.push(line.slice(blockIndent));
      i++;
    }
    let trailing = 0;
    while (body.length && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    let text = style === '|' ? body.join('\n') : foldLines(body);
    if (chomp === 'clip' && body.length) text += '\n';
    if (chomp === 'keep') text += '\n'.repeat(trailing + 1);
    return text;
  }

  /** `>` folding: single newlines between non-indented lines become spaces. */
  function foldLines(/** @type {string[]} */ body) {
    let out = '';
    for (let k = 0; k < body.length; k++) {
      const line = body[k];
      if (k === 0) out = line;
      else if (line === '' || body[k - 1] === '' || /^\s/.test(line) || /^\s/.test(body[k - 1])) out += '\n' + line;
      else out += ' ' + line;
    }
    return out.replace(/\n(?=\n)/g, '');
  }

  /** A value that starts after `key:` (rest of the line) in a mapping at `indent`. */
  function valueAfter(/** @type {string} */ rest, /** @type {number} */ indent, /** @type {number} */ at) {
    const r = rest.trim();
    if (r === '' || r.startsWith('#')) {
      skipBlank();
      if (i >= lines.length) return null;
      const ind = indentOf(lines[i]);
      if (ind > indent) return block(ind);
      if (ind === indent && /^-( |$)/.test(lines[i].trimStart())) return sequence(ind);
      return null;
    }
    if (/^[|>][-+0-9]*$/.test(r)) return blockScalar(r, indent);
    // A plain scalar may continue on more-indented lines (folded with spaces).
    if (!/^["'[{]/.test(r)) {
      let text = r;
      while (i < lines.length && !isBlank(lines[i]) && indentOf(lines[i]) > indent) {
        text += ' ' + lines[i].trim();
        i++;
      }
      return scalar(text, at);
    }
    return scalar(r, at);
  }

  /** @param {string} content @param {number} at @returns {[string, string] | null} key and the rest */
  function splitKey(content, at) {
    if (content.startsWith('"') || content.startsWith("'")) {
      const q = content[0];
      let k = 1;
      while (k < content.length && content[k] !== q) k += content[k] === '\\' && q === '"' ? 2 : 1;
      if (content[k + 1] !== ':') return null;
      return [/** @type {string} */ (scalar(content.slice(0, k + 1), at)), content.slice(k + 2)];
    }
    const m = /^([^:#][^:]*?|[^:#]*?):( |$)/.exec(content);
    if (!m) return null;
    if (m[1].startsWith('? ')) fail('complex keys are not supported', at);
    return [m[1].trim(), content.slice(m[0].length)];
  }

  function mapping(/** @type {number} */ indent, /** @type {string | null} */ firstLine = null) {
    /** @type {Record<string, unknown>} */
    const out = {};
    let first = firstLine;
    for (;;) {
      let content;
      const at = i;
      if (first !== null) {
        content = first;
        first = null;
        i++;
      } else {
        skipBlank();
        if (i >= lines.length) break;
        const ind = indentOf(lines[i]);
        if (ind < indent) break;
        if (ind > indent) fail('unexpected indentation');
        content = lines[i].slice(indent);
        if (/^-( |$)/.test(content)) break;
        i++;
      }
      const kv = splitKey(content, at);
      if (!kv) fail('expected "key: value"', at);
      const [key, rest] = /** @type {[string, string]} */ (kv);
      if (Object.prototype.hasOwnProperty.call(out, key)) fail(`duplicate key "${key}"`, at);
      out[key] = valueAfter(rest, indent, at);
    }
    return out;
  }

  function sequence(/** @type {number} */ indent) {
    /** @type {unknown[]} */
    const out = [];
    for (;;) {
      skipBlank();
      if (i >= lines.length) break;
      const ind = indentOf(lines[i]);
      if (ind !== indent || !/^-( |$)/.test(lines[i].slice(ind))) break;
      const at = i;
      const after = lines[i].slice(ind + 1);
      const content = after.trimStart();
      const itemIndent = ind + 1 + (after.length - content.length);
      if (content === '' || content.startsWith('#')) {
        i++;
        skipBlank();
        out.push(i < lines.length && indentOf(lines[i]) > indent ? block(indentOf(lines[i])) : null);
      } else if (/^-( |$)/.test(content)) {
        fail('nested sequences on one line are not supported', at);
      } else if (splitKey(content, at)) {
        out.push(mapping(itemIndent, content));
      } else {
        i++;
        out.push(valueAfter(content, ind, at));
      }
    }
    return out;
  }

  function block(/** @type {number} */ indent) {
    skipBlank();
    if (i >= lines.length) return null;
    return /^-( |$)/.test(lines[i].slice(indent)) ? sequence(indent) : mapping(indent);
  }

  skipBlank();
  if (i < lines.length && lines[i].startsWith('---')) i++;
  const doc = block(0);
  skipBlank();
  if (i < lines.length) fail('unexpected content after the document');
  return doc;
}
