// lint.js: runs `byline lint --format json` over a folder and turns its findings into editor
// ranges. No `vscode` import: the node tests load this file as is.
//
// Ranges are computed from the findings' byte offsets (`start`, `end`) in the file's bytes, the
// way VS Code sees the file: a UTF-8 byte-order mark is not part of the text, lines end at \n,
// \r\n or a lone \r, and a character is a UTF-16 code unit of the decoded text.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const BOM = [0xef, 0xbb, 0xbf];

// A byte-offset -> {line, character} converter for one file's bytes.
function positionsOf(bytes) {
  const bom = bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2] ? 3 : 0;
  const starts = [bom];
  for (let i = bom; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === 0x0a) starts.push(i + 1);
    else if (c === 0x0d) {
      if (i + 1 < bytes.length && bytes[i + 1] === 0x0a) i++;
      starts.push(i + 1);
    }
  }
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  return function position(offset) {
    offset = Math.max(bom, Math.min(offset, bytes.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) { // the last line start <= offset
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const character = decoder.decode(bytes.subarray(starts[lo], offset)).length;
    return { line: lo, character };
  };
}

// Parses `byline lint --format json` output (JSON Lines) into findings; lines that are not a
// finding object are skipped.
function parseFindings(stdout) {
  const out = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    try {
      const f = JSON.parse(line);
      if (f && typeof f.file === 'string' && typeof f.rule === 'string') out.push(f);
    } catch {
      // not JSON: ignore
    }
  }
  return out;
}

// Groups findings by absolute file path and adds `range` to each, and `path` and `range` to each
// related place (which may lie in another file: the source of a misquote, the other figure),
// reading each file once. A file that cannot be read keeps line/column based ranges (UTF-16
// then equals code points only for BMP text).
function withRanges(findings, cwd) {
  const converters = new Map();
  const positionIn = (file) => {
    if (!converters.has(file)) {
      let position = null;
      try {
        position = positionsOf(fs.readFileSync(file));
      } catch {
        position = null;
      }
      converters.set(file, position);
    }
    return converters.get(file);
  };
  const rangeOf = (file, o, endLine, endColumn) => {
    const position = positionIn(file);
    if (position && Number.isInteger(o.start) && Number.isInteger(o.end)) {
      return { start: position(o.start), end: position(o.end) };
    }
    return {
      start: { line: o.line - 1, character: o.column - 1 },
      end: { line: (endLine || o.line) - 1, character: (endColumn || o.column) - 1 },
    };
  };
  const byFile = new Map();
  for (const f of findings) {
    const file = path.resolve(cwd, f.file);
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push(f);
    f.path = file;
    f.range = rangeOf(file, f, f.endLine, f.endColumn);
    for (const r of f.related || []) {
      r.path = r.file ? path.resolve(cwd, r.file) : file;
      r.range = rangeOf(r.path, r);
    }
  }
  return byFile;
}

// Runs `byline lint --format json .` in `folder`. Resolves to { findings (grouped as
// withRanges returns them), code, stderr }; rejects when the program cannot be started.
// `signal` (an AbortSignal) stops it.
function lintFolder(byline, folder, { signal, extraArgs = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(byline, ['lint', '--format', 'json', ...extraArgs, '.'], {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, sig) => {
      const stdout = Buffer.concat(out).toString('utf8');
      resolve({
        findings: withRanges(parseFindings(stdout), folder),
        code: code === null ? -1 : code,
        signal: sig,
        stderr: Buffer.concat(err).toString('utf8').trim(),
      });
    });
  });
}

module.exports = { positionsOf, parseFindings, withRanges, lintFolder };
