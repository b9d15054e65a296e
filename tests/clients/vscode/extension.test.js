// extension.test.js: the extension's own code (editors/vscode/src).
//   - Its helpers, which need no `vscode`: the settings sent to the server, the per-rule
//     severities and their precedence, lint output to UTF-16 ranges, finding the program.
//   - The extension itself, activated with the real vscode-languageclient and the real server
//     inside a stand-in for the editor (fake-vscode.js): commands, diagnostics in the Problems
//     collection, per-rule settings, the status bar, Lint Workspace, Explain Rule, restart.
//     Needs editors/vscode/node_modules (npm ci there); skipped without it.
'use strict';

const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BYLINE, CORPUS, corpusFile, fixtureFolder } = require('./client');

const EXT = path.resolve(__dirname, '..', '..', '..', 'editors', 'vscode');
const settings = require(path.join(EXT, 'src', 'settings.js'));
const { positionsOf, parseFindings } = require(path.join(EXT, 'src', 'lint.js'));
const { resolveServerPath } = require(path.join(EXT, 'src', 'server-path.js'));
const manifest = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));

function fakeInspect(values) {
  return (key) => ({ key: `byline.${key}`, defaultValue: undefined, globalValue: values[key] });
}

describe('extension helpers', () => {
  test('only what the user set is sent to the server; defaults never override .byline.json', () => {
    const ids = ['unbalanced-quote', 'misquote'];
    assert.deepEqual(settings.serverSettings(fakeInspect({}), ids), {});
    assert.deepEqual(settings.serverSettings(fakeInspect({ inlayHints: false, 'rules.misquote': 'off', 'rules.x': 'error' }), ids),
      { inlayHints: false, rules: { misquote: 'off' } });
    assert.deepEqual(settings.initializationOptions(fakeInspect({ debounceMs: 80, inlayHints: true }), ids),
      { inlayHints: true, debounceMs: 80 });
    assert.deepEqual(settings.initializationOptions(fakeInspect({ debounceMs: 99999 }), ids), {});
    // A workspace folder's value wins over the user's.
    assert.equal(settings.explicitValue({ globalValue: 'hint', workspaceFolderValue: 'error' }), 'error');
  });

  test('per-rule severities apply to files that no .byline.json governs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-rules-'));
    try {
      fs.mkdirSync(path.join(dir, 'governed', 'deep'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'governed', '.byline.json'), '{}');
      const diags = () => [{ code: 'a', severity: 1 }, { code: { value: 'b' }, severity: 1 }, { code: 'c', severity: 1 }];
      const sev = { error: 0, warning: 1, information: 2, hint: 3 };
      const free = settings.applyOverrides(diags(), { a: 'error', b: 'off' }, path.join(dir, 'free.txt'), (s) => sev[s]);
      assert.deepEqual(free, [{ code: 'a', severity: 0 }, { code: 'c', severity: 1 }]);
      const governed = settings.applyOverrides(diags(), { a: 'error', b: 'off' }, path.join(dir, 'governed', 'deep', 'x.txt'), (s) => sev[s]);
      assert.deepEqual(governed, diags());
      assert.equal(settings.configFileFor(path.join(dir, 'governed', 'deep', 'x.txt')), path.join(dir, 'governed', '.byline.json'));
      assert.deepEqual(settings.applyOverrides(diags(), { a: 'hint' }, undefined, (s) => sev[s])[0], { code: 'a', severity: 3 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('lint byte offsets become the positions VS Code shows (BOM, CRLF, lone CR, astral, bad bytes)', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ab\r\nc😀d\re'), Buffer.from([0xff]), Buffer.from('f\n“g'),
    ]);
    const at = positionsOf(bytes);
    const offsetOf = (s) => bytes.indexOf(Buffer.from(s));
    assert.deepEqual(at(3), { line: 0, character: 0 }); // after the BOM
    assert.deepEqual(at(0), { line: 0, character: 0 }); // inside the BOM clamps
    assert.deepEqual(at(offsetOf('b')), { line: 0, character: 1 });
    assert.deepEqual(at(offsetOf('c')), { line: 1, character: 0 });
    assert.deepEqual(at(offsetOf('d')), { line: 1, character: 3 }); // 😀 is two UTF-16 units
    assert.deepEqual(at(offsetOf('e')), { line: 2, character: 0 }); // a lone CR ends a line
    assert.deepEqual(at(offsetOf('f')), { line: 2, character: 2 }); // 0xFF shows as one U+FFFD
    assert.deepEqual(at(offsetOf('“')), { line: 3, character: 0 });
    assert.deepEqual(at(bytes.length), { line: 3, character: 2 });
    assert.deepEqual(parseFindings('{"file":"a","rule":"r"}\nnot json\n{"x":1}\n').length, 1);
  });

  test('byline.path: absolute, ${workspaceFolder}, relative to the folder, on PATH, missing', () => {
    const abs = path.resolve(BYLINE);
    assert.equal(resolveServerPath(abs), abs);
    const dir = path.dirname(abs);
    assert.equal(resolveServerPath('${workspaceFolder}/byline', [dir]), path.join(dir, 'byline'));
    assert.equal(resolveServerPath('./byline', [dir]), path.join(dir, 'byline'));
    assert.equal(resolveServerPath(path.basename(abs), [], { PATH: `/nonexistent${path.delimiter}${dir}` }), abs);
    assert.equal(resolveServerPath('no-such-byline', [], { PATH: dir }), null);
    assert.equal(resolveServerPath('/no/such/byline'), null);
  });
});

describe('the extension in a stand-in editor, with the real client library and server', () => {
  const clientLib = path.join(EXT, 'node_modules', 'vscode-languageclient', 'package.json');
  const missing = !fs.existsSync(clientLib);
  let dir;
  let fake;
  let ext;
  let undo;
  let context;

  const defaults = {};
  for (const section of manifest.contributes.configuration) {
    for (const [k, v] of Object.entries(section.properties)) defaults[k] = v.default;
  }

  async function until(cond, what, ms = 10000) {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  function problems(uri) {
    const c = fake.recorded.collections.get('byline');
    return (c && c.get(uri)) || [];
  }

  const opts = { timeout: 30000, skip: missing ? 'editors/vscode has no node_modules (npm ci there)' : false };

  before(async () => {
    if (opts.skip) return;
    dir = fixtureFolder([corpusFile('08-'), corpusFile('11-')]);
    fs.mkdirSync(path.join(dir, 'governed'));
    fs.copyFileSync(path.join(CORPUS, corpusFile('08-')), path.join(dir, 'governed', 'copy.txt'));
    fs.writeFileSync(path.join(dir, 'governed', '.byline.json'), JSON.stringify({ rules: { 'unbalanced-quote': 'hint' } }));
    const { createFakeVscode, installFakeVscode } = require('./fake-vscode');
    fake = createFakeVscode({ settings: { 'byline.path': BYLINE }, folders: [dir], defaults });
    undo = installFakeVscode(fake.vscode);
    ext = require(path.join(EXT, 'src', 'extension.js'));
    context = { subscriptions: [], extension: { packageJSON: manifest }, extensionPath: EXT };
    await ext.activate(context);
  });

  after(async () => {
    if (ext) await ext.deactivate();
    if (context) for (const d of context.subscriptions) { try { d.dispose(); } catch { /* gone */ } }
    if (undo) undo();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('activation registers the contributed commands and starts the server', opts, async () => {
    assert.deepEqual([...fake.recorded.commands.keys()].sort(), manifest.contributes.commands.map((c) => c.command).sort());
    const status = fake.recorded.statusItems[0];
    assert.ok(status.visible);
    await until(() => /^byline/.test(status.text), () => `status ${status.text}`);
    assert.deepEqual(fake.recorded.messages.filter((m) => m.level === 'error'), []);
  });

  test('diagnostics reach the Problems collection with the rule id and its docs link', opts, async () => {
    const { doc } = fake.openDocument(path.join(dir, corpusFile('08-')), 'plaintext',
      fs.readFileSync(path.join(dir, corpusFile('08-')), 'utf8'));
    await until(() => problems(doc.uri).some((d) => d.code && d.code.value === 'unbalanced-quote'), 'the unbalanced quote');
    const d = problems(doc.uri).find((x) => x.code.value === 'unbalanced-quote');
    assert.equal(d.source, 'byline');
    assert.equal(d.severity, fake.vscode.DiagnosticSeverity.Warning);
    assert.equal(d.range.start.line, 22);
    assert.match(d.code.target.toString(), /\/rules\/unbalanced-quote\.md$/);
    const status = fake.recorded.statusItems[0];
    await until(() => /\$\(warning\) \d+/.test(status.text), () => `status ${status.text}`);
  });

  test('byline.rules.* settings apply where no .byline.json governs; the file wins where one does', opts, async () => {
    const free = path.join(dir, corpusFile('08-'));
    const governed = fake.openDocument(path.join(dir, 'governed', 'copy.txt'), 'plaintext',
      fs.readFileSync(path.join(dir, 'governed', 'copy.txt'), 'utf8')).doc;
    const freeUri = fake.vscode.Uri.file(free);
    const quote = (uri) => problems(uri).find((d) => d.code && d.code.value === 'unbalanced-quote');
    await until(() => quote(governed.uri), 'the governed copy\'s diagnostics');
    assert.equal(quote(governed.uri).severity, fake.vscode.DiagnosticSeverity.Hint, 'the .byline.json severity');

    fake.changeSettings({ 'byline.path': BYLINE, 'byline.rules.unbalanced-quote': 'error', 'byline.rules.unsourced-claim': 'off' });
    await until(() => quote(freeUri) && quote(freeUri).severity === fake.vscode.DiagnosticSeverity.Error,
      () => `unbalanced-quote as error: ${JSON.stringify(quote(freeUri))}`);
    assert.deepEqual(problems(freeUri).filter((d) => d.code.value === 'unsourced-claim'), []);
    assert.equal(quote(governed.uri).severity, fake.vscode.DiagnosticSeverity.Hint, '.byline.json still decides');

    fake.changeSettings({ 'byline.path': BYLINE });
    await until(() => quote(freeUri) && quote(freeUri).severity === fake.vscode.DiagnosticSeverity.Warning, 'the default again');
  });

  test('Lint Workspace fills the lint collection for the articles that are not open', opts, async () => {
    await fake.vscode.commands.executeCommand('byline.lintWorkspace');
    const lint = fake.recorded.collections.get('byline-lint');
    const eleven = fake.vscode.Uri.file(path.join(dir, corpusFile('11-')));
    const found = lint.get(eleven) || [];
    const quote = found.find((d) => d.code === 'unattributed-quote');
    assert.ok(quote, JSON.stringify(found.map((d) => d.code)));
    assert.equal(quote.source, 'byline');
    assert.equal(quote.range.start.line, 16);
    assert.equal(lint.get(fake.vscode.Uri.file(path.join(dir, corpusFile('08-')))), undefined, 'open articles keep their live diagnostics');
    assert.ok(fake.recorded.executed.some(([id]) => id === 'workbench.actions.view.problems'));
  });

  test('Explain Rule opens the page of the rule under the cursor', opts, async () => {
    const uri = fake.vscode.Uri.file(path.join(dir, corpusFile('08-')));
    const doc = fake.vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    fake.vscode.window.activeTextEditor = { document: doc, selection: { active: new fake.vscode.Position(22, 0) } };
    fake.recorded.executed.length = 0;
    // When several findings start there the writer picks one; with one, its page opens at once.
    let offered = [];
    fake.vscode.window.showQuickPick = async (items) => {
      offered = items.map((i) => i.label);
      return items.find((i) => i.label === 'unbalanced-quote');
    };
    await fake.vscode.commands.executeCommand('byline.explainRule');
    const here = problems(uri).filter((d) => d.range.contains(new fake.vscode.Position(22, 0))).map((d) => d.code.value);
    const rules = [...new Set(here)].sort();
    assert.ok(rules.includes('unbalanced-quote'), JSON.stringify(rules));
    assert.deepEqual(offered.sort(), rules.length > 1 ? rules : []);
    const shown = fake.recorded.executed.find(([id]) => id === 'markdown.showPreview');
    assert.ok(shown, JSON.stringify(fake.recorded.executed));
    assert.match(shown[1].toString(), /\/rules\/unbalanced-quote\.md$/);
    fake.vscode.window.activeTextEditor = undefined;
  });

  test('Restart Server brings up a new server that publishes again', opts, async () => {
    const uri = fake.vscode.Uri.file(path.join(dir, corpusFile('08-')));
    fake.recorded.collections.get('byline').clear();
    await fake.vscode.commands.executeCommand('byline.restart');
    await until(() => problems(uri).some((d) => d.code.value === 'unbalanced-quote'), 'diagnostics from the new server');
  });
});
