// server-path.js: finds the byline binary the setting `byline.path` names. No `vscode` import.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

function isExecutable(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// The absolute path of the program `setting` names, or null. `setting` may be absolute, relative
// to the first workspace folder (when it holds a path separator; `${workspaceFolder}` is
// expanded), or a bare name looked up on PATH. `folders` are workspace folder paths.
function resolveServerPath(setting, folders = [], env = process.env) {
  let p = (setting || 'byline').trim() || 'byline';
  const first = folders[0];
  if (p.includes('${workspaceFolder}')) {
    if (!first) return null;
    p = p.split('${workspaceFolder}').join(first);
  }
  if (p.startsWith('~/') && env.HOME) p = path.join(env.HOME, p.slice(2));
  if (path.isAbsolute(p)) return isExecutable(p) ? p : null;
  if (p.includes('/') || p.includes(path.sep)) {
    for (const folder of folders) {
      const candidate = path.resolve(folder, p);
      if (isExecutable(candidate)) return candidate;
    }
    return null;
  }
  const exts = process.platform === 'win32' ? (env.PATHEXT || '.EXE').split(';') : [''];
  for (const dir of (env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const candidate = path.join(dir, p + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

module.exports = { resolveServerPath };
