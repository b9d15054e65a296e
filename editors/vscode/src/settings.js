// settings.js: what the extension sends the server as its settings, and the interim client-side
// application of per-rule severities. No `vscode` import: the node tests load this file as is.
//
// The rule of precedence (docs/editors.md): a file governed by a .byline.json is checked with that
// file's severities only, exactly as CI checks it; byline.rules.* settings apply to files that no
// .byline.json governs. Only values the user actually set are sent: a default must never
// override .byline.json (e.g. the file's "inlayHints": true).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];
const CONFIG_FILE = '.byline.json';

// The value of a setting when the user (or a workspace) set it, else undefined.
// `inspected` is what WorkspaceConfiguration.inspect() returns.
function explicitValue(inspected) {
  if (!inspected) return undefined;
  for (const k of ['workspaceFolderLanguageValue', 'workspaceFolderValue', 'workspaceLanguageValue',
    'workspaceValue', 'globalLanguageValue', 'globalValue']) {
    if (inspected[k] !== undefined) return inspected[k];
  }
  return undefined;
}

// The per-rule severities the user set: { "rule-id": "error" | ... | "off" }.
// `inspect(key)` inspects `byline.<key>`; `ruleIds` are the rules the manifest knows.
function ruleOverrides(inspect, ruleIds) {
  const out = {};
  for (const id of ruleIds) {
    const v = explicitValue(inspect(`rules.${id}`));
    if (SEVERITIES.includes(v)) out[id] = v;
  }
  return out;
}

// The `byline` section as the server receives it (workspace/configuration and
// initializationOptions). Keys the user did not set are left out.
function serverSettings(inspect, ruleIds) {
  const s = {};
  const hints = explicitValue(inspect('inlayHints'));
  if (typeof hints === 'boolean') s.inlayHints = hints;
  const rules = ruleOverrides(inspect, ruleIds);
  if (Object.keys(rules).length) s.rules = rules;
  return s;
}

// initializationOptions: the settings plus debounceMs (read by the server at initialize only).
function initializationOptions(inspect, ruleIds) {
  const opts = serverSettings(inspect, ruleIds);
  const debounce = explicitValue(inspect('debounceMs'));
  if (Number.isInteger(debounce) && debounce >= 0 && debounce <= 10000) opts.debounceMs = debounce;
  return opts;
}

// The .byline.json that governs a file: the nearest one in its folder or a folder above it, as
// the server and `byline lint` look it up (docs/configuration.md); null when there is none.
function configFileFor(file) {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here: look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

// Applies the overrides to a file's diagnostics unless a .byline.json governs the file.
// `diags` are objects with `code` (the rule id, or { value }) and `severity`; `toSeverity` maps a
// severity name to the caller's severity value. Returns a new array; "off" drops a diagnostic.
function applyOverrides(diags, overrides, file, toSeverity) {
  if (!overrides || Object.keys(overrides).length === 0) return diags;
  if (file && configFileFor(file)) return diags;
  const out = [];
  for (const d of diags) {
    const rule = ruleOf(d);
    const level = rule && overrides[rule];
    if (!level) out.push(d);
    else if (level !== 'off') {
      d.severity = toSeverity(level);
      out.push(d);
    }
  }
  return out;
}

function ruleOf(diag) {
  const code = diag && diag.code;
  if (typeof code === 'string') return code;
  if (code && typeof code === 'object' && typeof code.value === 'string') return code.value;
  return undefined;
}

module.exports = {
  SEVERITIES,
  CONFIG_FILE,
  explicitValue,
  ruleOverrides,
  serverSettings,
  initializationOptions,
  configFileFor,
  applyOverrides,
  ruleOf,
};
