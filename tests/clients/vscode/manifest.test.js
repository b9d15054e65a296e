// manifest.test.js: the extension's manifest (editors/vscode/package.json), its copy of the
// settings schema and the server's rule registry agree: every rule has a setting, no setting is
// stale, the generated parts are current, every semantic token type the server sends is
// declared, every command and setting the code uses is contributed, the client packages the
// tests use are the ones the extension ships, and the .vsix holds no development files.
'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { BYLINE, Session, registry, fixtureFolder } = require('./client');

const EXT = path.resolve(__dirname, '..', '..', '..', 'editors', 'vscode');
const manifest = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

function settingsOf(pkg) {
  const out = {};
  for (const section of pkg.contributes.configuration) Object.assign(out, section.properties);
  return out;
}

function ruleSettings(pkg) {
  const out = {};
  for (const [key, prop] of Object.entries(settingsOf(pkg))) {
    const m = /^byline\.rules\.(.+)$/.exec(key);
    if (m) out[m[1]] = prop;
  }
  return out;
}

test('every rule of the registry has a setting byline.rules.<id>, and no setting is stale', () => {
  const rules = registry();
  assert.ok(rules.length > 0, 'byline explain lists rules');
  const settings = ruleSettings(manifest);
  assert.deepEqual(Object.keys(settings), rules.map((r) => r.id), 'the same rules, in registry order');
  for (const r of rules) {
    const s = settings[r.id];
    assert.equal(s.type, 'string');
    assert.deepEqual(s.enum, SEVERITIES, r.id);
    assert.equal(s.default, r.severity, `${r.id}: default severity`);
    assert.ok((s.markdownDescription || s.description).startsWith(r.summary), `${r.id}: summary`);
  }
});

test('the rule settings agree with byline config-schema, and schemas/byline.schema.json is its copy', () => {
  const schema = JSON.parse(execFileSync(BYLINE, ['config-schema'], { encoding: 'utf8' }));
  const props = schema.properties.rules.properties;
  const settings = ruleSettings(manifest);
  assert.deepEqual(Object.keys(settings), Object.keys(props));
  for (const [id, p] of Object.entries(props)) {
    assert.deepEqual(settings[id].enum, p.enum, id);
    assert.equal(settings[id].default, p.default, id);
  }
  const copy = JSON.parse(fs.readFileSync(path.join(EXT, 'schemas', 'byline.schema.json'), 'utf8'));
  assert.deepEqual(copy, schema);
  const validation = manifest.contributes.jsonValidation.find((v) => v.fileMatch === '.byline.json');
  assert.equal(validation.url, './schemas/byline.schema.json');
});

test('scripts/sync-settings.js --check: the generated parts of the manifest are current', () => {
  execFileSync(process.execPath, [path.join(EXT, 'scripts', 'sync-settings.js'), '--check', '--byline', BYLINE],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
});

test('every semantic token type and modifier of the server legend is declared in the manifest', async () => {
  const dir = fixtureFolder([], { 'notes.md': '# Notes\n' });
  const s = new Session({ cwd: dir });
  try {
    const init = await s.initialize({ rootPath: dir });
    const { legend } = init.capabilities.semanticTokensProvider;
    const standard = new Set(['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter',
      'parameter', 'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword',
      'modifier', 'comment', 'string', 'number', 'regexp', 'operator', 'decorator', 'label']);
    const declared = manifest.contributes.semanticTokenTypes.map((t) => t.id);
    const custom = legend.tokenTypes.filter((t) => !standard.has(t));
    assert.deepEqual([...declared].sort(), [...custom].sort(), 'declared = the legend\'s non-standard types');
    for (const t of manifest.contributes.semanticTokenTypes) assert.ok(t.superType, `${t.id} has a superType`);
    const scoped = Object.keys(manifest.contributes.semanticTokenScopes[0].scopes);
    assert.deepEqual([...scoped].sort(), [...custom].sort(), 'a TextMate fallback for every declared type');
    assert.deepEqual(manifest.contributes.semanticTokenModifiers.map((m) => m.id).sort(), [...legend.tokenModifiers].sort());
    await s.shutdown();
  } finally {
    s.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the commands the code registers are the commands the manifest contributes', () => {
  const src = fs.readFileSync(path.join(EXT, 'src', 'extension.js'), 'utf8');
  const registered = [...src.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(registered, contributed);
  for (const id of ['byline.restart', 'byline.showOutput', 'byline.lintWorkspace', 'byline.explainRule']) {
    assert.ok(contributed.includes(id), id);
  }
  for (const items of Object.values(manifest.contributes.menus || {})) {
    for (const item of items) assert.ok(contributed.includes(item.command), `menu entry ${item.command}`);
  }
});

test('every setting the code reads is contributed, and the general settings are there', () => {
  const settings = settingsOf(manifest);
  const code = ['extension.js', 'settings.js'].map((f) => fs.readFileSync(path.join(EXT, 'src', f), 'utf8')).join('\n');
  const used = new Set();
  for (const m of code.matchAll(/(?:inspect|get)\('([a-zA-Z.]+)'/g)) used.add(`byline.${m[1]}`);
  for (const m of code.matchAll(/affectsConfiguration\('(byline\.[a-zA-Z.]+)'\)/g)) used.add(m[1]);
  used.delete('byline.rules.'); // built from the rule ids
  for (const key of used) assert.ok(key in settings, `${key} is contributed`);
  for (const key of ['byline.path', 'byline.inlayHints', 'byline.trace.server', 'byline.debounceMs']) {
    assert.ok(key in settings, key);
  }
  assert.deepEqual(settings['byline.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(settings['byline.inlayHints'].default, false);
  assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['byline.path']);
});

test('the extension has the version of the program it comes with', () => {
  const version = execFileSync(BYLINE, ['--version'], { encoding: 'utf8' }).trim();
  assert.equal(version, `byline ${manifest.version}`);
});

test('the extension starts for plain text, Markdown and news articles', () => {
  const events = manifest.activationEvents;
  assert.ok(events.includes('onLanguage:plaintext'));
  assert.ok(events.includes('onLanguage:markdown'));
  const news = manifest.contributes.languages.find((l) => l.id === 'news');
  assert.deepEqual(news.extensions, ['.news.txt']);
  const src = fs.readFileSync(path.join(EXT, 'src', 'extension.js'), 'utf8');
  assert.match(src, /const LANGUAGES = \['plaintext', 'markdown', 'news'\];/);
  assert.equal(manifest.main, './src/extension.js');
});

test('dependencies are pinned exactly; these tests use the protocol packages the extension ships', () => {
  for (const pkg of [manifest, require('./package.json')]) {
    for (const deps of [pkg.dependencies || {}, pkg.devDependencies || {}]) {
      for (const [name, version] of Object.entries(deps)) {
        assert.match(version, /^\d+\.\d+\.\d+(-[\w.]+)?$/, `${name}@${version} is an exact version`);
      }
    }
  }
  const lock = JSON.parse(fs.readFileSync(path.join(EXT, 'package-lock.json'), 'utf8'));
  const shipped = (name) => {
    const entry = lock.packages[`node_modules/${name}`] ||
      lock.packages[`node_modules/vscode-languageclient/node_modules/${name}`];
    return entry && entry.version;
  };
  const ours = require('./package.json').devDependencies;
  for (const name of ['vscode-jsonrpc', 'vscode-languageserver-protocol', 'vscode-languageserver-textdocument']) {
    assert.equal(ours[name], shipped(name), `${name}: tests use what vscode-languageclient resolves to`);
  }
  assert.ok(fs.existsSync(path.join(__dirname, 'package-lock.json')), 'tests/clients/vscode/package-lock.json');
});

test('the .vsix holds the run-time files only (vsce ls)', (t) => {
  const vsce = path.join(EXT, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!fs.existsSync(vsce)) { // preflight.js fails the run instead when BYLINE_REQUIRE_NODE=1
    t.skip('editors/vscode has no node_modules (npm ci there to check the package)');
    return;
  }
  const files = execFileSync(process.execPath, [vsce, 'ls'], { cwd: EXT, encoding: 'utf8' })
    .split('\n').map((l) => l.trim()).filter(Boolean);
  const own = files.filter((f) => !f.startsWith('node_modules/')).sort();
  assert.deepEqual(own, ['LICENSE', 'README.md', 'language-configuration.json', 'package.json',
    'schemas/byline.schema.json', 'src/extension.js', 'src/lint.js', 'src/server-path.js', 'src/settings.js']);
  const deps = files.filter((f) => f.startsWith('node_modules/'));
  assert.ok(deps.includes('node_modules/vscode-languageclient/lib/node/main.js'), 'the client library is in');
  const devOnly = deps.filter((f) => /^node_modules\/(@vscode\/vsce|typescript|@types)\//.test(f));
  assert.deepEqual(devOnly, [], 'no development dependency');
  assert.deepEqual(deps.filter((f) => /\.(d\.ts|map|md)$/.test(f) && !/\/LICENSE[^/]*$/i.test(f)), [], 'no typings, maps or READMEs');
});
