// fake-vscode.js: just enough of the `vscode` API for the extension (editors/vscode/src) and the
// real vscode-languageclient under it to start `byline serve`, sync documents and receive
// diagnostics, without VS Code (which cannot be downloaded here). What the extension and the
// client do is real; only the editor around them is this file. It records what they did:
// registered commands and providers, diagnostic collections, the status-bar item, messages.
//
// createFakeVscode({ settings, folders }) returns the module; `settings` maps full keys
// ("byline.rules.unbalanced-quote") to the user's values (an inspect() globalValue).
'use strict';

const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');

function createFakeVscode({ settings = {}, folders = [], defaults = {} } = {}) {
  const recorded = {
    commands: new Map(),
    providers: [],
    collections: new Map(),
    statusItems: [],
    messages: [],
    output: [],
    executed: [],
  };

  class Disposable {
    constructor(fn) { this._fn = fn; }
    dispose() { if (this._fn) this._fn(); this._fn = undefined; }
    static from(...ds) { return new Disposable(() => ds.forEach((d) => d && d.dispose && d.dispose())); }
  }

  class EventEmitter {
    constructor() {
      this._listeners = new Set();
      this.event = (listener, thisArg, disposables) => {
        const l = thisArg ? listener.bind(thisArg) : listener;
        this._listeners.add(l);
        const d = new Disposable(() => this._listeners.delete(l));
        if (Array.isArray(disposables)) disposables.push(d);
        return d;
      };
    }
    fire(e) { for (const l of [...this._listeners]) l(e); }
    dispose() { this._listeners.clear(); }
  }

  class Uri {
    constructor(scheme, authority, p, query, fragment) {
      Object.assign(this, { scheme, authority: authority || '', path: p || '', query: query || '', fragment: fragment || '' });
    }
    get fsPath() { return this.scheme === 'file' ? fileURLToPath(this.toString()) : this.path; }
    toString() {
      if (this.scheme === 'file') return pathToFileURL(this.path).href;
      return `${this.scheme}:${this.authority ? `//${this.authority}` : ''}${this.path}${this.query ? `?${this.query}` : ''}`;
    }
    toJSON() { return this.toString(); }
    with(change) {
      return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path,
        change.query ?? this.query, change.fragment ?? this.fragment);
    }
    static file(p) { return new Uri('file', '', path.resolve(p)); }
    static parse(s) {
      if (s.startsWith('file:')) return Uri.file(fileURLToPath(s));
      const u = new URL(s);
      return new Uri(u.protocol.replace(/:$/, ''), u.host, decodeURIComponent(u.pathname), u.search.slice(1), u.hash.slice(1));
    }
    static from(c) { return new Uri(c.scheme, c.authority, c.path, c.query, c.fragment); }
    static joinPath(base, ...parts) { return base.with({ path: path.posix.join(base.path, ...parts) }); }
  }

  class Position {
    constructor(line, character) { this.line = line; this.character = character; }
    isBefore(o) { return this.line < o.line || (this.line === o.line && this.character < o.character); }
    isAfter(o) { return o.isBefore(this); }
    isEqual(o) { return this.line === o.line && this.character === o.character; }
    compareTo(o) { return this.isBefore(o) ? -1 : this.isEqual(o) ? 0 : 1; }
  }

  class Range {
    constructor(a, b, c, d) {
      if (a instanceof Position) { this.start = a; this.end = b; } else { this.start = new Position(a, b); this.end = new Position(c, d); }
    }
    contains(p) {
      if (p instanceof Range) return this.contains(p.start) && this.contains(p.end);
      return !p.isBefore(this.start) && !this.end.isBefore(p);
    }
    get isEmpty() { return this.start.isEqual(this.end); }
  }

  const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
  class Diagnostic {
    constructor(range, message, severity = DiagnosticSeverity.Error) { Object.assign(this, { range, message, severity }); }
  }
  class DiagnosticRelatedInformation {
    constructor(location, message) { Object.assign(this, { location, message }); }
  }
  class Location {
    constructor(uri, rangeOrPos) { this.uri = uri; this.range = rangeOrPos; }
  }
  class MarkdownString {
    constructor(value = '', supportThemeIcons = false) { this.value = value; this.supportThemeIcons = supportThemeIcons; }
    appendMarkdown(s) { this.value += s; return this; }
    appendText(s) { this.value += s; return this; }
    appendCodeblock(s, lang = '') { this.value += `\n\`\`\`${lang}\n${s}\n\`\`\`\n`; return this; }
  }
  class Hover {
    constructor(contents, range) { this.contents = Array.isArray(contents) ? contents : [contents]; this.range = range; }
  }
  class CancellationError extends Error {}
  // Classes the client library extends when it loads; plain data holders here.
  const holder = (...names) => class {
    constructor(...args) { names.forEach((n, i) => { this[n] = args[i]; }); }
  };
  const CallHierarchyItem = holder('kind', 'name', 'detail', 'uri', 'range', 'selectionRange');
  const TypeHierarchyItem = holder('kind', 'name', 'detail', 'uri', 'range', 'selectionRange');
  const CodeLens = holder('range', 'command');
  const CompletionItem = holder('label', 'kind');
  const DocumentLink = holder('range', 'target');
  const InlayHint = holder('position', 'label', 'kind');
  const SymbolInformation = holder('name', 'kind', 'containerName', 'location');
  const CodeAction = holder('title', 'kind');
  const WorkspaceEdit = class {
    constructor() { this.edits = []; }
    replace(uri, range, newText) { this.edits.push({ uri, range, newText }); }
    insert(uri, position, newText) { this.edits.push({ uri, range: new Range(position, position), newText }); }
    set(uri, edits) { for (const e of edits) this.edits.push({ uri, ...e }); }
  };
  const TextEdit = holder('range', 'newText');
  const SemanticTokens = holder('data', 'resultId');
  const DocumentHighlight = holder('range', 'kind');
  class CancellationTokenSource {
    constructor() {
      const emitter = new EventEmitter();
      this.token = { isCancellationRequested: false, onCancellationRequested: emitter.event };
      this._emitter = emitter;
    }
    cancel() { if (!this.token.isCancellationRequested) { this.token.isCancellationRequested = true; this._emitter.fire(); } }
    dispose() {}
  }

  // Settings: `settings` are the user's (globalValue), `defaults` the manifest's.
  function getConfiguration(section) {
    const full = (key) => (section ? `${section}.${key}` : key);
    const subtree = (prefix) => {
      const out = {};
      for (const [k, v] of Object.entries({ ...defaults, ...settings })) {
        if (!k.startsWith(`${prefix}.`)) continue;
        const rest = k.slice(prefix.length + 1).split('.');
        let o = out;
        while (rest.length > 1) { const r = rest.shift(); o = o[r] = o[r] || {}; }
        o[rest[0]] = v;
      }
      return out;
    };
    return {
      get(key, def) {
        const k = full(key);
        if (k in settings) return settings[k];
        if (k in defaults) return defaults[k];
        const sub = subtree(k);
        return Object.keys(sub).length ? sub : def;
      },
      has(key) { return full(key) in settings || full(key) in defaults; },
      inspect(key) {
        const k = full(key);
        return { key: k, defaultValue: defaults[k], globalValue: settings[k] };
      },
      update() { return Promise.resolve(); },
      ...(section ? subtree(section) : {}),
    };
  }

  const workspaceEvents = {
    open: new EventEmitter(), close: new EventEmitter(), change: new EventEmitter(), save: new EventEmitter(),
    willSave: new EventEmitter(), config: new EventEmitter(), folders: new EventEmitter(),
  };
  const textDocuments = [];
  const diagnosticsChanged = new EventEmitter();

  function createDiagnosticCollection(name) {
    const map = new Map();
    const collection = {
      name,
      set(uri, diags) {
        if (Array.isArray(uri)) { for (const [u, d] of uri) collection.set(u, d); return; }
        if (diags && diags.length) map.set(uri.toString(), { uri, diags: [...diags] });
        else map.delete(uri.toString());
        diagnosticsChanged.fire({ uris: [uri] });
      },
      get(uri) { const e = map.get(uri.toString()); return e ? e.diags : undefined; },
      has(uri) { return map.has(uri.toString()); },
      delete(uri) { map.delete(uri.toString()); diagnosticsChanged.fire({ uris: [uri] }); },
      clear() { map.clear(); diagnosticsChanged.fire({ uris: [] }); },
      forEach(cb) { for (const e of map.values()) cb(e.uri, e.diags, collection); },
      dispose() { map.clear(); recorded.collections.delete(name); },
      entries: () => [...map.values()],
    };
    recorded.collections.set(name, collection);
    return collection;
  }

  function getDiagnostics(uri) {
    if (uri) {
      return [...recorded.collections.values()].flatMap((c) => c.get(uri) || []);
    }
    const byUri = new Map();
    for (const c of recorded.collections.values()) {
      for (const e of c.entries()) {
        const k = e.uri.toString();
        if (!byUri.has(k)) byUri.set(k, [e.uri, []]);
        byUri.get(k)[1].push(...e.diags);
      }
    }
    return [...byUri.values()];
  }

  function matchOne(filter, doc) {
    if (typeof filter === 'string') return filter === doc.languageId ? 10 : 0;
    if (filter.language && filter.language !== doc.languageId && filter.language !== '*') return 0;
    if (filter.scheme && filter.scheme !== doc.uri.scheme && filter.scheme !== '*') return 0;
    if (filter.pattern) return 0; // not needed here
    return 10;
  }

  function createOutputChannel(name) {
    const log = (level) => (msg, ...rest) => recorded.output.push(`[${level}] ${msg}${rest.length ? ` ${rest.join(' ')}` : ''}`);
    const changed = new EventEmitter();
    return {
      name, logLevel: 2, onDidChangeLogLevel: changed.event,
      trace: log('trace'), debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'),
      append: log('append'), appendLine: log('line'), replace() {}, clear() {}, show() {}, hide() {}, dispose() {},
    };
  }

  const noopDisposable = () => new Disposable();
  const register = (kind) => (selector, provider, ...rest) => {
    recorded.providers.push({ kind, selector, provider, rest });
    return new Disposable();
  };

  const languages = new Proxy({
    createDiagnosticCollection,
    getDiagnostics,
    onDidChangeDiagnostics: diagnosticsChanged.event,
    match(selector, doc) {
      const list = Array.isArray(selector) ? selector : [selector];
      return Math.max(0, ...list.map((f) => matchOne(f, doc)));
    },
  }, {
    get(target, prop) {
      if (prop in target) return target[prop];
      if (typeof prop === 'string' && prop.startsWith('register')) return register(prop.slice('register'.length));
      return undefined;
    },
  });

  const statusBar = (id, alignment, priority) => {
    const item = { id, alignment, priority, text: '', tooltip: undefined, command: undefined, visible: false,
      show() { this.visible = true; }, hide() { this.visible = false; }, dispose() {} };
    recorded.statusItems.push(item);
    return item;
  };

  const message = (level) => async (msg, ...items) => { recorded.messages.push({ level, msg }); return undefined; };

  const vscode = {
    version: '1.106.0',
    Disposable, EventEmitter, Uri, Position, Range, Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation,
    DiagnosticTag: { Unnecessary: 1, Deprecated: 2 }, Location, MarkdownString, Hover, CancellationError,
    CancellationTokenSource, CallHierarchyItem, TypeHierarchyItem, CodeLens, CompletionItem, DocumentLink,
    InlayHint, SymbolInformation, CodeAction, WorkspaceEdit, TextEdit, SemanticTokens, DocumentHighlight,
    DocumentHighlightKind: { Text: 0, Read: 1, Write: 2 }, InlayHintKind: { Type: 1, Parameter: 2 },
    SymbolKind: {}, CompletionItemKind: {}, FoldingRangeKind: {}, SymbolTag: {}, CompletionItemTag: {},
    RelativePattern: holder('base', 'pattern'),
    LogLevel: { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    TextDocumentSaveReason: { Manual: 1, AfterDelay: 2, FocusOut: 3 },
    CodeActionKind: { QuickFix: { value: 'quickfix' }, Empty: { value: '' } },
    env: { appName: 'Fake Code', language: 'en', machineId: 'test', sessionId: 'test', uriScheme: 'vscode',
      openExternal: async (uri) => { recorded.executed.push(['openExternal', uri.toString()]); return true; } },
    window: {
      createOutputChannel,
      createStatusBarItem: statusBar,
      showErrorMessage: message('error'),
      showWarningMessage: message('warning'),
      showInformationMessage: message('info'),
      setStatusBarMessage: (msg) => { recorded.messages.push({ level: 'status', msg }); return new Disposable(); },
      withProgress: async (opts, task) => task({ report() {} }, new CancellationTokenSource().token),
      activeTextEditor: undefined,
      visibleTextEditors: [],
      onDidChangeActiveTextEditor: new EventEmitter().event,
      onDidChangeVisibleTextEditors: new EventEmitter().event,
      showTextDocument: async () => undefined,
      showQuickPick: async () => undefined,
      tabGroups: { all: [], onDidChangeTabs: new EventEmitter().event, onDidChangeTabGroups: new EventEmitter().event },
    },
    workspace: {
      workspaceFolders: folders.map((f, index) => ({ uri: Uri.file(f), name: path.basename(f), index })),
      textDocuments,
      notebookDocuments: [],
      getConfiguration,
      getWorkspaceFolder: () => undefined,
      onDidOpenTextDocument: workspaceEvents.open.event,
      onDidCloseTextDocument: workspaceEvents.close.event,
      onDidChangeTextDocument: workspaceEvents.change.event,
      onDidSaveTextDocument: workspaceEvents.save.event,
      onWillSaveTextDocument: workspaceEvents.willSave.event,
      onDidChangeConfiguration: workspaceEvents.config.event,
      onDidChangeWorkspaceFolders: workspaceEvents.folders.event,
      onDidOpenNotebookDocument: new EventEmitter().event,
      onDidCloseNotebookDocument: new EventEmitter().event,
      onDidChangeNotebookDocument: new EventEmitter().event,
      onDidSaveNotebookDocument: new EventEmitter().event,
      onDidCreateFiles: new EventEmitter().event,
      onDidRenameFiles: new EventEmitter().event,
      onDidDeleteFiles: new EventEmitter().event,
      onWillCreateFiles: new EventEmitter().event,
      onWillRenameFiles: new EventEmitter().event,
      onWillDeleteFiles: new EventEmitter().event,
      createFileSystemWatcher: () => ({ onDidCreate: new EventEmitter().event, onDidChange: new EventEmitter().event,
        onDidDelete: new EventEmitter().event, dispose() {} }),
      registerTextDocumentContentProvider: noopDisposable,
      openTextDocument: async () => undefined,
      applyEdit: async () => true,
      isTrusted: true,
    },
    languages,
    commands: {
      registerCommand(id, fn) {
        recorded.commands.set(id, fn);
        return new Disposable(() => recorded.commands.delete(id));
      },
      executeCommand: async (id, ...args) => {
        recorded.executed.push([id, ...args]);
        const fn = recorded.commands.get(id);
        return fn ? fn(...args) : undefined;
      },
    },
    extensions: { getExtension: () => undefined, all: [] },
  };

  // An open editor document, as VS Code hands it to extensions.
  function openDocument(file, languageId, text) {
    const uri = Uri.file(file);
    let lines = text.split(/\r\n|\r|\n/);
    const doc = {
      uri, fileName: file, languageId, version: 1, isClosed: false, isDirty: false, isUntitled: false, eol: 1,
      get lineCount() { return lines.length; },
      getText(range) {
        if (!range) return text;
        return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
      },
      offsetAt(p) {
        let o = 0;
        for (let i = 0; i < p.line && i < lines.length; i++) o += lines[i].length + 1;
        return o + Math.min(p.character, (lines[p.line] || '').length);
      },
      positionAt(offset) {
        let rest = offset;
        for (let i = 0; i < lines.length; i++) {
          if (rest <= lines[i].length) return new Position(i, rest);
          rest -= lines[i].length + 1;
        }
        return new Position(lines.length - 1, lines[lines.length - 1].length);
      },
      lineAt(n) { return { lineNumber: n, text: lines[n], range: new Range(n, 0, n, lines[n].length) }; },
      save: async () => true,
    };
    textDocuments.push(doc);
    workspaceEvents.open.fire(doc);
    return {
      doc,
      // VS Code's edit of the document: a content change event, as the client syncs it.
      edit(range, newText) {
        const start = doc.offsetAt(range.start);
        const end = doc.offsetAt(range.end);
        text = text.slice(0, start) + newText + text.slice(end);
        lines = text.split(/\r\n|\r|\n/);
        doc.version++;
        workspaceEvents.change.fire({ document: doc, reason: undefined,
          contentChanges: [{ range, rangeOffset: start, rangeLength: end - start, text: newText }] });
      },
    };
  }

  // The user edits settings.json: `next` replaces the user's settings, and the extensions hear
  // which keys changed.
  function changeSettings(next) {
    const changed = new Set();
    for (const k of new Set([...Object.keys(settings), ...Object.keys(next)])) {
      if (JSON.stringify(settings[k]) !== JSON.stringify(next[k])) changed.add(k);
    }
    for (const k of Object.keys(settings)) delete settings[k];
    Object.assign(settings, next);
    const affects = (section) => [...changed].some((k) => k === section || k.startsWith(`${section}.`) ||
      section.startsWith(`${k}.`));
    workspaceEvents.config.fire({ affectsConfiguration: affects });
  }

  return { vscode, recorded, openDocument, changeSettings };
}

// Makes require('vscode') return `fake` for the code loaded after it; returns an undo function.
function installFakeVscode(fake) {
  const Module = require('node:module');
  const original = Module._load;
  Module._load = function load(request, parent, isMain) {
    if (request === 'vscode') return fake;
    return original.call(this, request, parent, isMain);
  };
  return () => { Module._load = original; };
}

module.exports = { createFakeVscode, installFakeVscode };
