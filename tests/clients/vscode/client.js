// client.js: a client session with `byline serve` ($BYLINE) that behaves as VS Code's client
// (vscode-languageclient) does on the wire: the same packages (vscode-jsonrpc's
// StreamMessageReader/Writer over the child's stdio, vscode-languageserver-protocol's types),
// the capabilities VS Code announces (UTF-16 positions only), incremental sync with VS Code's
// change events, `workspace/configuration` answered with the settings, progress tokens
// accepted, cancellation through a CancellationTokenSource.
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-jsonrpc/node');
const lsp = require('vscode-languageserver-protocol');
const { TextDocument } = require('vscode-languageserver-textdocument');

const BYLINE = process.env.BYLINE;
const SOURCE_ROOT = process.env.BYLINE_SOURCE_ROOT || path.resolve(__dirname, '..', '..', '..');
const CORPUS = path.join(SOURCE_ROOT, 'tests', 'corpus');
const WAIT_MS = 10000;

// What vscode-languageclient 11 announces (lib/common/*.js fillClientCapabilities), reduced to
// what concerns byline's features. VS Code offers utf-16 only.
function vscodeCapabilities() {
  return {
    general: {
      positionEncodings: ['utf-16'],
      staleRequestSupport: { cancel: true, retryOnContentModified: ['textDocument/semanticTokens/full',
        'textDocument/semanticTokens/range', 'textDocument/semanticTokens/full/delta'] },
      regularExpressions: { engine: 'ECMAScript', version: 'ES2020' },
      markdown: { parser: 'marked', version: '1.1.0' },
    },
    window: {
      workDoneProgress: true,
      showMessage: { messageActionItem: { additionalPropertiesSupport: true } },
      showDocument: { support: true },
    },
    workspace: {
      applyEdit: true,
      workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'],
        failureHandling: 'textOnlyTransactional', normalizesLineEndings: true,
        changeAnnotationSupport: { groupsOnLabel: true } },
      configuration: true,
      workspaceFolders: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
      semanticTokens: { refreshSupport: true },
      inlayHint: { refreshSupport: true },
      diagnostics: { refreshSupport: true },
    },
    textDocument: {
      synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
      publishDiagnostics: { relatedInformation: true, versionSupport: false, codeDescriptionSupport: true,
        dataSupport: true, tagSupport: { valueSet: [1, 2] } },
      hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
      documentHighlight: { dynamicRegistration: true },
      codeAction: {
        dynamicRegistration: true, isPreferredSupport: true, disabledSupport: true, dataSupport: true,
        resolveSupport: { properties: ['edit', 'command'] }, honorsChangeAnnotations: true,
        codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor',
          'refactor.extract', 'refactor.inline', 'refactor.move', 'refactor.rewrite', 'source',
          'source.organizeImports', 'notebook'] } },
      },
      semanticTokens: {
        dynamicRegistration: true,
        tokenTypes: ['namespace', 'type', 'class', 'enum', 'interface', 'struct', 'typeParameter', 'parameter',
          'variable', 'property', 'enumMember', 'event', 'function', 'method', 'macro', 'keyword', 'modifier',
          'comment', 'string', 'number', 'regexp', 'operator', 'decorator', 'label'],
        tokenModifiers: ['declaration', 'definition', 'readonly', 'static', 'deprecated', 'abstract', 'async',
          'modification', 'documentation', 'defaultLibrary'],
        formats: ['relative'],
        requests: { range: true, full: { delta: true } },
        multilineTokenSupport: false,
        overlappingTokenSupport: false,
        serverCancelSupport: true,
        augmentsSyntaxTokens: true,
      },
      inlayHint: { dynamicRegistration: true,
        resolveSupport: { properties: ['tooltip', 'textEdits', 'label.tooltip', 'label.location', 'label.command'] } },
      definition: { dynamicRegistration: true, linkSupport: true },
    },
  };
}

function uriOf(file) {
  return pathToFileURL(file).href;
}

// A fresh folder with copies of corpus articles (and nothing else, so no .byline.json above
// decides for the test), removed by the caller.
function fixtureFolder(names, extra = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-vscode-'));
  for (const n of names) fs.copyFileSync(path.join(CORPUS, n), path.join(dir, n));
  for (const [n, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, n), text);
  return dir;
}

function corpusFile(prefix) {
  const name = fs.readdirSync(CORPUS).find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no corpus article ${prefix}* in ${CORPUS}`);
  return name;
}

class Session {
  constructor({ cwd, settings = {} } = {}) {
    this.settings = settings;
    this.configurationRequests = []; // { at: 'before-initialized' | 'after-initialized', params }
    this.progressTokens = new Map(); // token -> [kinds of $/progress values]
    this.refreshRequests = [];
    this.unexpectedRequests = [];
    this.logMessages = [];
    this.shownMessages = [];
    this.diagnostics = new Map(); // uri -> last publishDiagnostics params
    this.waiters = [];
    this.docs = new Map(); // uri -> TextDocument (the client's copy)
    this.initializedSent = false;
    this.stderr = '';

    this.child = spawn(BYLINE, ['serve'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (b) => { this.stderr += b.toString(); });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
    // The server ending before shutdown fails whatever waits on it, with its stderr (a sanitizer
    // report, say), instead of leaving the test to time out.
    this.shuttingDown = false;
    this.died = new Promise((_, reject) => {
      this.exited.then(({ code, signal }) => {
        if (this.shuttingDown) return;
        const err = new Error(`byline serve exited (code ${code}, signal ${signal}) before shutdown; stderr:\n${this.stderr.slice(-4000)}`);
        for (const w of this.waiters) w.fail(err);
        this.waiters = [];
        reject(err);
      });
    });
    this.died.catch(() => {});
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout),
      new rpc.StreamMessageWriter(this.child.stdin));

    this.conn.onRequest(lsp.ConfigurationRequest.type, (params) => {
      this.configurationRequests.push({ at: this.initializedSent ? 'after-initialized' : 'before-initialized', params });
      return params.items.map((item) => (item.section === 'byline' ? this.settings : null));
    });
    // As VS Code: a token the server creates gets a progress handler; $/progress for a token
    // nobody created is recorded as such.
    this.conn.onRequest(lsp.WorkDoneProgressCreateRequest.type, (params) => {
      const kinds = [];
      this.progressTokens.set(params.token, kinds);
      this.conn.onProgress(lsp.WorkDoneProgress.type, params.token, (value) => kinds.push(value && value.kind));
      return null;
    });
    this.conn.onUnhandledProgress(({ token, value }) => {
      if (!this.progressTokens.has(token)) this.progressTokens.set(token, ['(not created)']);
      this.progressTokens.get(token).push(value && value.kind);
    });
    for (const type of [lsp.InlayHintRefreshRequest.type, lsp.SemanticTokensRefreshRequest.type,
      lsp.DiagnosticRefreshRequest.type]) {
      this.conn.onRequest(type, () => {
        this.refreshRequests.push(type.method);
        return null;
      });
    }
    // VS Code accepts dynamic registrations of what it announced dynamicRegistration for.
    this.registrations = [];
    this.conn.onRequest(lsp.RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.conn.onRequest(lsp.UnregistrationRequest.type, (params) => {
      const gone = new Set(params.unregisterations.map((u) => u.id));
      this.registrations = this.registrations.filter((r) => !gone.has(r.id));
      return null;
    });
    this.conn.onRequest((method, params) => { // what VS Code does not know it answers with an error
      this.unexpectedRequests.push({ method, params });
      return new rpc.ResponseError(rpc.ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
    });
    this.conn.onNotification(lsp.LogMessageNotification.type, (p) => this.logMessages.push(p));
    this.conn.onNotification(lsp.ShowMessageNotification.type, (p) => this.shownMessages.push(p));
    this.conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.waiters = this.waiters.filter((w) => !w.check(p));
    });
    this.conn.listen();
  }

  async initialize({ rootPath, initializationOptions } = {}) {
    const folders = rootPath ? [{ uri: uriOf(rootPath), name: path.basename(rootPath) }] : null;
    this.initializeResult = await this.request(lsp.InitializeRequest.type, {
      processId: process.pid,
      clientInfo: { name: 'Visual Studio Code', version: '1.106.0' },
      locale: 'en',
      rootPath: rootPath || null,
      rootUri: rootPath ? uriOf(rootPath) : null,
      capabilities: vscodeCapabilities(),
      initializationOptions,
      trace: 'off',
      workspaceFolders: folders,
    });
    this.initializedSent = true;
    await this.conn.sendNotification(lsp.InitializedNotification.type, {});
    return this.initializeResult;
  }

  get capabilities() {
    return this.initializeResult.capabilities;
  }

  // Waits for a publishDiagnostics for uri that satisfies pred (checked against the last one
  // already received too).
  waitForDiagnostics(uri, pred = () => true, what = 'diagnostics', ms = WAIT_MS) {
    const last = this.diagnostics.get(uri);
    if (last && pred(last)) return Promise.resolve(last);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const got = this.diagnostics.get(uri);
        reject(new Error(`timed out waiting for ${what} of ${uri}; last: ${JSON.stringify(got && {
          version: got.version, codes: got.diagnostics.map((d) => d.code) })}`));
      }, ms);
      const waiter = {
        check: (p) => {
          if (p.uri !== uri || !pred(p)) return false;
          clearTimeout(timer);
          resolve(p);
          return true;
        },
        fail: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
      this.waiters.push(waiter);
    });
  }

  // Diagnostics for the client's current version of the document.
  currentDiagnostics(uri) {
    const doc = this.docs.get(uri);
    return this.waitForDiagnostics(uri, (p) => p.version === doc.version, `diagnostics of version ${doc.version}`);
  }

  async open(file, languageId = 'plaintext', text = fs.readFileSync(file, 'utf8')) {
    const uri = uriOf(file);
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    await this.conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    return doc;
  }

  // Applies TextEdits to the client's copy and sends them as VS Code does: one didChange, its
  // contentChanges in descending document order (each valid against the text left by the
  // previous one), each with range, rangeLength and text.
  async edit(uri, edits) {
    const doc = this.docs.get(uri);
    const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
    const contentChanges = sorted.map((e) => ({
      range: e.range,
      rangeLength: doc.offsetAt(e.range.end) - doc.offsetAt(e.range.start),
      text: e.newText,
    }));
    const next = TextDocument.update(doc, contentChanges, doc.version + 1);
    this.docs.set(uri, next);
    await this.conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: next.version },
      contentChanges,
    });
    return next;
  }

  async close(uri) {
    this.docs.delete(uri);
    await this.conn.sendNotification(lsp.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  request(type, params, token) {
    return Promise.race([this.conn.sendRequest(type, params, token), this.died]);
  }

  // VS Code's settings changed: in the pull model it sends an empty change, and the server asks.
  async changeSettings(settings) {
    this.settings = settings;
    const before = this.configurationRequests.length;
    await this.conn.sendNotification(lsp.DidChangeConfigurationNotification.type, { settings: null });
    const deadline = Date.now() + WAIT_MS;
    while (this.configurationRequests.length === before) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) await this.died;
      if (Date.now() > deadline) throw new Error('the server did not pull the configuration after didChangeConfiguration');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async shutdown() {
    await this.request(lsp.ShutdownRequest.type);
    this.shuttingDown = true;
    await this.conn.sendNotification(lsp.ExitNotification.type);
    const timeout = new Promise((r) => setTimeout(() => r({ code: 'timeout' }), WAIT_MS));
    const result = await Promise.race([this.exited, timeout]);
    this.conn.dispose();
    return result;
  }

  kill() {
    this.shuttingDown = true;
    try { this.conn.dispose(); } catch { /* already */ }
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}

// The rule registry as `byline explain` lists it: [{ id, severity, summary }].
function registry() {
  const text = execFileSync(BYLINE, ['explain'], { encoding: 'utf8' });
  return text.split('\n').filter((l) => l.trim()).map((l) => {
    const m = /^(\S+)\s+(\S+)\s+(.*)$/.exec(l);
    if (!m) throw new Error(`unexpected line of byline explain: ${l}`);
    return { id: m[1], severity: m[2], summary: m[3] };
  });
}

// Semantic tokens data -> [{ line, character, length, type, modifiers: [names] }].
function decodeTokens(data, legend) {
  const out = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    const [dl, dc, length, type, mods] = data.slice(i, i + 5);
    line += dl;
    character = dl ? dc : character + dc;
    const modifiers = legend.tokenModifiers.filter((_, bit) => mods & (1 << bit));
    out.push({ line, character, length, type: legend.tokenTypes[type], modifiers });
  }
  return out;
}

// The UTF-16 range of the n-th (0-based) occurrence of needle in a TextDocument.
function rangeOf(doc, needle, n = 0) {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} (occurrence ${n}) not in ${doc.uri}`);
  }
  return { start: doc.positionAt(at), end: doc.positionAt(at + needle.length) };
}

module.exports = {
  BYLINE, SOURCE_ROOT, CORPUS, Session, lsp, rpc, TextDocument, uriOf, fixtureFolder, corpusFile, registry,
  decodeTokens, rangeOf, vscodeCapabilities,
};
