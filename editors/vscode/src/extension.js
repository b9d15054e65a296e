// extension.js: byline for VS Code. Starts `byline serve` through vscode-languageclient for
// plain text, Markdown and news articles; adds a status-bar item with the finding counts and the
// commands restart, show output, lint workspace and explain rule. What needs no `vscode` API
// (settings, lint output, the server path) lives in the other files of src/, which the node
// tests in tests/clients/vscode load directly.
'use strict';

const fs = require('node:fs');
const vscode = require('vscode');
const { LanguageClient, State, RevealOutputChannelOn, DidChangeConfigurationNotification } =
  require('vscode-languageclient/node');

const settings = require('./settings');
const { lintFolder } = require('./lint');
const { resolveServerPath } = require('./server-path');

const LANGUAGES = ['plaintext', 'markdown', 'news'];
const SELECTOR = LANGUAGES.flatMap((language) => [
  { scheme: 'file', language },
  { scheme: 'untitled', language },
]);
const EXPLAIN_SCHEME = 'byline-rule';

/** @type {LanguageClient | undefined} */
let client;
let output;
let statusItem;
let lintCollection;
let ruleIds = [];
let ruleSummaries = {};
let startError;
let configWatcher;

const SEVERITY = () => ({
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
});

function inspector(scope) {
  const config = vscode.workspace.getConfiguration('byline', scope);
  return (key) => config.inspect(key);
}

function folderPaths() {
  return (vscode.workspace.workspaceFolders || []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

function serverCommand() {
  const setting = vscode.workspace.getConfiguration('byline').get('path', 'byline');
  return { setting, command: resolveServerPath(setting, folderPaths()) };
}

// The per-rule severities set in VS Code for a document, applied to files no .byline.json
// governs (see settings.js). Interim: the server does not read them yet.
function overridesFor(uri) {
  return settings.ruleOverrides(inspector(uri), ruleIds);
}

function fileOf(uri) {
  return uri.scheme === 'file' ? uri.fsPath : undefined;
}

// ---------------------------------------------------------------- the language client

function clientOptions() {
  return {
    documentSelector: SELECTOR,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: () => settings.initializationOptions(inspector(), ruleIds),
    // .byline.json changes reach the server (which also registers its own watchers when it can).
    synchronize: { fileEvents: configWatcher },
    markdown: { isTrusted: false, supportHtml: false },
    middleware: {
      workspace: {
        // The server pulls the `byline` section after initialized and after every
        // didChangeConfiguration: answer with what the user set, not with the defaults.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return params.items.map((item, i) => {
            if (item.section !== 'byline') return result[i];
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            return settings.serverSettings(inspector(scope), ruleIds);
          });
        },
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        next(uri, settings.applyOverrides(diagnostics, overridesFor(uri), fileOf(uri), (s) => SEVERITY()[s]));
      },
      provideCodeActions: async (document, range, context, token, next) => {
        const actions = await next(document, range, context, token);
        const overrides = overridesFor(document.uri);
        const off = Object.keys(overrides).filter((id) => overrides[id] === 'off');
        const file = fileOf(document.uri);
        if (!actions || off.length === 0 || (file && settings.configFileFor(file))) return actions;
        // Quick fixes for a rule switched off in the settings fix nothing the writer sees.
        return actions.filter((a) => !(a.diagnostics && a.diagnostics.length &&
          a.diagnostics.every((d) => off.includes(settings.ruleOf(d)))));
      },
    },
  };
}

async function startClient() {
  const { setting, command } = serverCommand();
  if (!command) {
    startError = `cannot find the byline server "${setting}"`;
    updateStatus();
    const choice = await vscode.window.showErrorMessage(
      `byline: cannot find the server program "${setting}". Install byline or set byline.path.`,
      'Open Settings');
    if (choice) vscode.commands.executeCommand('workbench.action.openSettings', 'byline.path');
    return;
  }
  startError = undefined;
  const serverOptions = { command, args: ['serve'], options: { env: process.env } };
  client = new LanguageClient('byline', 'byline', serverOptions, clientOptions());
  client.onDidChangeState(() => updateStatus());
  updateStatus();
  try {
    await client.start();
    output.info(`started ${command} (${describeServer()})`);
  } catch (e) {
    startError = e && e.message ? e.message : String(e);
    output.error(`byline serve did not start: ${startError}`);
  }
  updateStatus();
}

async function stopClient() {
  const c = client;
  client = undefined;
  if (!c) return;
  try {
    await c.stop(2000);
  } catch (e) {
    output.warn(`stopping the server: ${e && e.message ? e.message : e}`);
  }
  try {
    await c.dispose();
  } catch {
    // already disposed
  }
}

async function restart() {
  await stopClient();
  await startClient();
  const state = client && client.state === State.Running ? 'restarted' : 'could not restart';
  vscode.window.setStatusBarMessage(`byline: ${state}`, 3000);
}

function describeServer() {
  const info = client && client.initializeResult && client.initializeResult.serverInfo;
  return info ? `${info.name} ${info.version || ''}`.trim() : 'byline';
}

// Tells the server the settings changed; it pulls them again (workspace/configuration).
function notifySettingsChanged() {
  if (!client || client.state !== State.Running) return;
  client.sendNotification(DidChangeConfigurationNotification.type, {
    settings: { byline: settings.serverSettings(inspector(), ruleIds) },
  }).catch((e) => output.warn(`didChangeConfiguration: ${e.message || e}`));
}

// ---------------------------------------------------------------- status bar

function countFindings(diags) {
  const n = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of diags) {
    if (d.source !== 'byline') continue;
    if (d.severity === vscode.DiagnosticSeverity.Error) n.error++;
    else if (d.severity === vscode.DiagnosticSeverity.Warning) n.warning++;
    else if (d.severity === vscode.DiagnosticSeverity.Information) n.information++;
    else n.hint++;
  }
  return n;
}

function plural(k, word) {
  return `${k} ${word}${k === 1 ? '' : 's'}`;
}

function updateStatus() {
  if (!statusItem) return;
  const editor = vscode.window.activeTextEditor;
  const doc = editor && LANGUAGES.includes(editor.document.languageId) ? editor.document : undefined;
  const state = client ? client.state : State.Stopped;
  let files = 0;
  const total = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const [, diags] of vscode.languages.getDiagnostics()) {
    const n = countFindings(diags);
    const sum = n.error + n.warning + n.information + n.hint;
    if (sum) files++;
    for (const k of Object.keys(total)) total[k] += n[k];
  }
  const shown = doc ? countFindings(vscode.languages.getDiagnostics(doc.uri)) : total;
  const md = new vscode.MarkdownString();
  if (startError || state === State.StartFailed || (state === State.Stopped && !client)) {
    statusItem.text = '$(error) byline';
    statusItem.command = 'byline.showOutput';
    md.appendMarkdown(`**byline** is not running${startError ? `: ${escapeMd(startError)}` : ''}.\n\n`);
    md.appendMarkdown('Click to show its output; **byline: Restart Server** tries again.');
  } else if (state === State.Starting) {
    statusItem.text = '$(sync~spin) byline';
    statusItem.command = 'byline.showOutput';
    md.appendMarkdown('**byline** is starting…');
  } else {
    const parts = [];
    if (shown.error) parts.push(`$(error) ${shown.error}`);
    if (shown.warning) parts.push(`$(warning) ${shown.warning}`);
    if (shown.information + shown.hint) parts.push(`$(info) ${shown.information + shown.hint}`);
    statusItem.text = parts.length ? `byline ${parts.join(' ')}` : 'byline $(check)';
    statusItem.command = 'workbench.actions.view.problems';
    md.appendMarkdown(`**${escapeMd(describeServer())}**\n\n`);
    const line = (n) => [plural(n.error, 'error'), plural(n.warning, 'warning'),
      `${n.information} information`, plural(n.hint, 'hint')].join(', ');
    if (doc) md.appendMarkdown(`This file: ${line(shown)}\n\n`);
    md.appendMarkdown(`Workspace: ${line(total)} in ${plural(files, 'file')}\n\n`);
    md.appendMarkdown('Click to open the Problems view.');
  }
  statusItem.tooltip = md;
  statusItem.show();
}

function escapeMd(s) {
  return String(s).replace(/[\\`*_[\]<>]/g, '\\$&');
}

// ---------------------------------------------------------------- lint workspace

function isServedOpen(uri) {
  return vscode.workspace.textDocuments.some((d) =>
    d.uri.toString() === uri.toString() && LANGUAGES.includes(d.languageId)) && client && client.state === State.Running;
}

function toDiagnostic(uri, f) {
  const range = (r) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const severity = SEVERITY()[f.severity];
  const d = new vscode.Diagnostic(range(f.range), f.message,
    severity === undefined ? vscode.DiagnosticSeverity.Warning : severity);
  d.source = 'byline';
  d.code = f.rule;
  if (Array.isArray(f.related) && f.related.length) {
    d.relatedInformation = f.related.map((r) =>
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(r.path ? vscode.Uri.file(r.path) : uri, range(r.range)), r.message || ''));
  }
  return d;
}

async function lintWorkspace() {
  const folders = (vscode.workspace.workspaceFolders || []).filter((f) => f.uri.scheme === 'file');
  if (!folders.length) {
    vscode.window.showWarningMessage('byline: open a folder to lint it.');
    return;
  }
  const { setting, command } = serverCommand();
  if (!command) {
    vscode.window.showErrorMessage(`byline: cannot find "${setting}"; set byline.path.`);
    return;
  }
  let findings = 0;
  let fileCount = 0;
  let skipped = 0;
  const problems = [];
  const cancelled = await vscode.window.withProgress({
    location: vscode.ProgressLocation.Notification,
    title: 'byline: linting the workspace',
    cancellable: true,
  }, async (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    lintCollection.clear();
    for (const folder of folders) {
      progress.report({ message: folder.name });
      let result;
      try {
        result = await lintFolder(command, folder.uri.fsPath, { signal: abort.signal });
      } catch (e) {
        if (abort.signal.aborted) return true;
        problems.push(`${folder.name}: ${e.message || e}`);
        continue;
      }
      if (result.code >= 2 || result.code < 0) problems.push(`${folder.name}: ${result.stderr || `exit ${result.code}`}`);
      for (const [file, list] of result.findings) {
        const uri = vscode.Uri.file(file);
        if (isServedOpen(uri)) { // the live diagnostics of an open article are newer
          skipped++;
          continue;
        }
        const diags = settings.applyOverrides(list.map((f) => toDiagnostic(uri, f)), overridesFor(uri), file,
          (s) => SEVERITY()[s]);
        if (!diags.length) continue;
        lintCollection.set(uri, diags);
        findings += diags.length;
        fileCount++;
      }
    }
    return false;
  });
  if (cancelled) return;
  if (problems.length) {
    output.warn(`byline lint: ${problems.join('\n')}`);
    vscode.window.showWarningMessage(`byline lint: ${problems[0]}`, 'Show Output')
      .then((c) => c && output.show(true));
  }
  const open = skipped ? ` (open articles: see their live diagnostics)` : '';
  vscode.window.setStatusBarMessage(
    `byline: ${plural(findings, 'finding')} in ${plural(fileCount, 'file')}${open}`, 5000);
  vscode.commands.executeCommand('workbench.actions.view.problems');
  updateStatus();
}

// ---------------------------------------------------------------- explain rule

function explainProvider() {
  const emitter = new vscode.EventEmitter();
  return {
    onDidChange: emitter.event,
    provideTextDocumentContent(uri) {
      const rule = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      const { command } = serverCommand();
      if (!command) return `# ${rule}\n\nThe byline program was not found; set byline.path.\n`;
      try {
        return require('node:child_process').execFileSync(command, ['explain', rule], { encoding: 'utf8', timeout: 10000 });
      } catch (e) {
        return `# ${rule}\n\n\`byline explain ${rule}\` failed: ${e.message}\n`;
      }
    },
  };
}

async function openRulePage(rule, target) {
  let uri = target;
  if (uri && uri.scheme === 'file' && !fs.existsSync(uri.fsPath)) uri = undefined;
  if (uri && (uri.scheme === 'http' || uri.scheme === 'https')) {
    await vscode.env.openExternal(uri);
    return;
  }
  if (!uri || uri.scheme !== 'file') uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${rule}.md` });
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}

async function explainRule() {
  const editor = vscode.window.activeTextEditor;
  const found = new Map(); // rule -> target uri
  if (editor) {
    const pos = editor.selection.active;
    for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
      if (d.source !== 'byline' || !d.range.contains(pos)) continue;
      const rule = settings.ruleOf(d);
      if (!rule) continue;
      const target = d.code && typeof d.code === 'object' ? d.code.target : undefined;
      if (!found.has(rule) || (!found.get(rule) && target)) found.set(rule, target);
    }
  }
  let rule;
  if (found.size === 1) {
    rule = [...found.keys()][0];
  } else {
    const ids = found.size ? [...found.keys()] : ruleIds;
    const pick = await vscode.window.showQuickPick(
      ids.map((id) => ({ label: id, description: ruleSummaries[id] || '' })),
      { placeHolder: found.size ? 'Several rules apply here: which one?' : 'No finding under the cursor: pick a rule' });
    if (!pick) return;
    rule = pick.label;
  }
  await openRulePage(rule, found.get(rule));
}

// ---------------------------------------------------------------- activation

function readRules(context) {
  const sections = context.extension.packageJSON.contributes.configuration;
  for (const section of sections) {
    for (const [key, prop] of Object.entries(section.properties || {})) {
      const m = /^byline\.rules\.(.+)$/.exec(key);
      if (!m) continue;
      ruleIds.push(m[1]);
      ruleSummaries[m[1]] = (prop.markdownDescription || prop.description || '').split('\n')[0];
    }
  }
}

async function activate(context) {
  ruleIds = [];
  ruleSummaries = {};
  readRules(context);
  output = vscode.window.createOutputChannel('byline', { log: true });
  lintCollection = vscode.languages.createDiagnosticCollection('byline-lint');
  statusItem = vscode.window.createStatusBarItem('byline.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'byline';
  configWatcher = vscode.workspace.createFileSystemWatcher('**/.byline.json');
  context.subscriptions.push(output, lintCollection, statusItem, configWatcher);

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, explainProvider()),
    vscode.commands.registerCommand('byline.restart', restart),
    vscode.commands.registerCommand('byline.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('byline.lintWorkspace', lintWorkspace),
    vscode.commands.registerCommand('byline.explainRule', explainRule),
    vscode.commands.registerCommand('byline.clearLintResults', () => {
      lintCollection.clear();
      updateStatus();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => updateStatus()),
    vscode.languages.onDidChangeDiagnostics(() => updateStatus()),
    // Lint results of a file go stale when it is edited; the live diagnostics take over.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && lintCollection.has(e.document.uri)) lintCollection.delete(e.document.uri);
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (LANGUAGES.includes(d.languageId) && lintCollection.has(d.uri)) lintCollection.delete(d.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('byline.path') || e.affectsConfiguration('byline.debounceMs')) {
        restart();
      } else if (e.affectsConfiguration('byline')) {
        notifySettingsChanged();
      }
    }),
    { dispose: () => stopClient() },
  );
  await startClient();
}

function deactivate() {
  return stopClient();
}

module.exports = { activate, deactivate };
