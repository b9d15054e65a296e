#!/usr/bin/env node
// vscode-picture.js: renders what the VS Code extension shows for an article as an HTML page in
// the look of VS Code's Dark Modern theme, for a headless browser to screenshot. VS Code itself
// cannot be run here, so the editor around the content is imitated — but the content is real:
// editors/vscode/src/extension.js is activated with the real vscode-languageclient and the real
// `byline serve` inside the stand-in editor of tests/clients/vscode/fake-vscode.js, and the
// picture shows what came back through it: the diagnostics of the Problems collection, the
// semantic tokens (coloured as Dark Modern colours their super types), the inlay hints, the
// hover and the status-bar text the extension set.
//
//   BYLINE=build/server/byline node vscode-picture.js ARTICLE FIRST_LINE LAST_LINE HOVER_TEXT > page.html
// Needs `npm ci` in editors/vscode and tests/clients/vscode.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const EXT = path.join(ROOT, 'editors', 'vscode');
const { createFakeVscode, installFakeVscode } = require(path.join(ROOT, 'tests', 'clients', 'vscode', 'fake-vscode.js'));

// Dark Modern's colours for the super types the manifest declares (package.json).
const TYPE_COLOURS = { class: '#4ec9b0', function: '#dcdcaa', parameter: '#9cdcfe', enumMember: '#4fc1ff',
  number: '#b5cea8', string: '#ce9178', variable: '#9cdcfe', property: '#9cdcfe', namespace: '#4ec9b0' };
const SQUIGGLE = ['#f14c4c', '#cca700', '#3794ff', '#b0b0b0']; // by vscode.DiagnosticSeverity
const ICON = ['⊗', '⚠', 'ⓘ', '💡'];

function esc(s) {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// Enough Markdown for byline's hovers: paragraphs, **bold**, _italic_, `code`.
function markdown(md) {
  return md.split(/\n\n+/).map((p) => `<p>${esc(p)
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/`(.+?)`/g, '<code>$1</code>')
    .replace(/(^|\W)_(.+?)_(?=\W|$)/g, '$1<i>$2</i>')}</p>`).join('');
}

function codicons(s) {
  return esc(s).replace(/\$\(warning\)/g, '⚠').replace(/\$\(error\)/g, '⊗').replace(/\$\(info\)/g, 'ⓘ')
    .replace(/\$\(check\)/g, '✓').replace(/\$\(sync~spin\)/g, '⟳');
}

async function until(cond, ms = 15000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function collect(article, hoverText) {
  const manifest = JSON.parse(fs.readFileSync(path.join(EXT, 'package.json'), 'utf8'));
  const defaults = {};
  for (const section of manifest.contributes.configuration) {
    for (const [k, v] of Object.entries(section.properties)) defaults[k] = v.default;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-picture-'));
  const file = path.join(dir, path.basename(article));
  fs.copyFileSync(article, file);
  const fake = createFakeVscode({
    settings: { 'byline.path': path.resolve(process.env.BYLINE || 'byline'), 'byline.inlayHints': true },
    folders: [dir], defaults,
  });
  const undo = installFakeVscode(fake.vscode);
  const ext = require(path.join(EXT, 'src', 'extension.js'));
  const context = { subscriptions: [], extension: { packageJSON: manifest }, extensionPath: EXT };
  try {
    await ext.activate(context);
    const text = fs.readFileSync(file, 'utf8');
    const { doc } = fake.openDocument(file, 'plaintext', text);
    const problems = () => { const c = fake.recorded.collections.get('byline'); return (c && c.get(doc.uri)) || []; };
    await until(() => problems().length > 0);
    await new Promise((r) => setTimeout(r, 500)); // the republish after the corpus is indexed
    const token = new fake.vscode.CancellationTokenSource().token;
    const provider = (kind) => fake.recorded.providers.find((p) => p.kind === kind);
    const st = provider('DocumentSemanticTokensProvider');
    const tokens = await st.provider.provideDocumentSemanticTokens(doc, token);
    const legend = st.rest[0];
    const hoverAt = doc.positionAt(text.indexOf(hoverText) + 1);
    const hover = await provider('HoverProvider').provider.provideHover(doc, hoverAt, token);
    const hints = await provider('InlayHintsProvider').provider.provideInlayHints(doc,
      new fake.vscode.Range(0, 0, doc.lineCount, 0), token);
    fake.vscode.window.activeTextEditor = { document: doc, selection: { active: hoverAt } };
    fake.vscode.languages.getDiagnostics(); // the status bar recounts on the next diagnostics event
    fake.recorded.collections.get('byline').set(doc.uri, problems());
    const status = fake.recorded.statusItems[0];
    return {
      text, name: path.basename(article), diagnostics: problems(), legend, data: [...tokens.data],
      hover: { at: hoverAt, contents: hover.contents.map((c) => c.value || String(c)).join('\n\n'), range: hover.range },
      hints: hints.map((h) => ({ position: h.position, label: typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('') })),
      status: status.text,
      semanticTypes: Object.fromEntries(manifest.contributes.semanticTokenTypes.map((t) => [t.id, t.superType])),
    };
  } finally {
    await ext.deactivate();
    for (const d of context.subscriptions) { try { d.dispose(); } catch { /* gone */ } }
    undo();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function render(r, first, last) {
  const lines = r.text.split('\n');
  // Per line: decorations as [start, end, kind, value] in UTF-16 columns.
  const deco = lines.map(() => []);
  let line = 0;
  let ch = 0;
  for (let i = 0; i + 4 < r.data.length; i += 5) {
    const [dl, dc, len, type] = r.data.slice(i, i + 5);
    line += dl;
    ch = dl ? dc : ch + dc;
    const name = r.legend.tokenTypes[type];
    const colour = TYPE_COLOURS[r.semanticTypes[name] || name];
    if (colour) deco[line].push([ch, ch + len, 'color', colour]);
  }
  for (const d of r.diagnostics) {
    for (let l = d.range.start.line; l <= d.range.end.line; l++) {
      const s = l === d.range.start.line ? d.range.start.character : 0;
      const e = l === d.range.end.line ? d.range.end.character : lines[l].length;
      deco[l].push([s, e, 'squiggle', d.severity]);
    }
  }
  const hints = lines.map(() => []);
  for (const h of r.hints) hints[h.position.line].push(h);

  let body = '';
  for (let l = first - 1; l < last; l++) {
    const text = lines[l] || '';
    const cuts = new Set([0, text.length]);
    for (const [s, e] of deco[l]) { cuts.add(s); cuts.add(e); }
    for (const h of hints[l]) cuts.add(h.position.character);
    if (l === r.hover.at.line) cuts.add(r.hover.range.start.character);
    const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
    let html = '';
    for (let i = 0; i < points.length; i++) {
      const at = points[i];
      for (const h of hints[l].filter((x) => x.position.character === at)) html += `<span class="hint">${esc(h.label)}</span>`;
      if (l === r.hover.at.line && at === r.hover.range.start.character) {
        html += `<span class="anchor"><span class="hover">${markdown(r.hover.contents)}</span></span>`;
      }
      if (i + 1 >= points.length) break;
      const end = points[i + 1];
      const on = deco[l].filter(([s, e]) => s <= at && end <= e);
      const colour = on.find((d) => d[2] === 'color');
      const sq = on.filter((d) => d[2] === 'squiggle').map((d) => d[3]).sort()[0];
      const css = [];
      if (colour) css.push(`color:${colour[3]}`);
      if (sq !== undefined) css.push(`text-decoration:underline ${sq === 3 ? 'dotted' : 'wavy'} ${SQUIGGLE[sq]}`);
      html += `<span style="${css.join(';')}">${esc(text.slice(at, end))}</span>`;
    }
    const current = l === r.hover.at.line ? ' current' : '';
    body += `<div class="line${current}"><span class="ln">${l + 1}</span><span class="tx">${html || ' '}</span></div>\n`;
  }

  const problems = [...r.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.severity - b.severity)
    .map((d) => `<div class="problem"><span class="icon" style="color:${SQUIGGLE[d.severity]}">${ICON[d.severity]}</span>` +
      `${esc(d.message)} <span class="dim">${esc(d.source)}(<u>${esc(d.code.value || d.code)}</u>) [Ln ${d.range.start.line + 1}, Col ${d.range.start.character + 1}]</span></div>`)
    .join('\n');

  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #0b0d10; font-family: 'DejaVu Sans', sans-serif; font-size: 13px; color: #cccccc; }
.win { margin: 16px; width: 1180px; background: #1f1f1f; border: 1px solid #2b2b2b; border-radius: 6px; overflow: hidden; }
.title { background: #181818; color: #9d9d9d; text-align: center; padding: 7px; border-bottom: 1px solid #2b2b2b; }
.tabs { background: #181818; display: flex; border-bottom: 1px solid #2b2b2b; }
.tab { background: #1f1f1f; color: #ffffff; padding: 8px 14px; border-top: 1px solid #0078d4; }
.editor { padding: 6px 0 10px; font-family: 'DejaVu Sans Mono', monospace; font-size: 13.5px; line-height: 20px; }
.line { display: flex; }
.line.current { background: #ffffff08; }
.ln { width: 56px; flex: none; text-align: right; padding-right: 22px; color: #6e7681; }
.tx { white-space: pre-wrap; word-break: break-word; width: 1080px; color: #cccccc; }
.hint { background: #ffffff14; color: #969696; border-radius: 3px; padding: 0 4px; margin: 0 2px 0 4px; font-size: 12.5px; }
.anchor { position: relative; }
.hover { position: absolute; bottom: 22px; left: 0; z-index: 5; width: 420px; white-space: normal; background: #202020;
  border: 1px solid #454545; border-radius: 4px; box-shadow: 0 2px 8px #000a; padding: 2px 10px; color: #cccccc;
  font-family: 'DejaVu Sans', sans-serif; font-size: 13px; line-height: 18px; }
.hover p { margin: 6px 0; } .hover code { font-family: 'DejaVu Sans Mono', monospace; background: #ffffff14; padding: 0 3px; }
.panel { border-top: 1px solid #2b2b2b; background: #181818; padding: 6px 12px 8px; }
.panel .head { color: #e7e7e7; font-size: 11px; letter-spacing: .5px; padding: 4px 0 6px; }
.panel .head span { border-bottom: 1px solid #0078d4; padding-bottom: 3px; }
.problem { padding: 2px 0 2px 14px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.icon { display: inline-block; width: 20px; } .dim { color: #8b8b8b; }
.status { background: #181818; border-top: 1px solid #2b2b2b; color: #cccccc; padding: 4px 12px; display: flex; justify-content: space-between; font-size: 12px; }
.caption { color: #9aa4ad; font-size: 13px; margin: 0 16px 14px; width: 1180px; line-height: 18px; }
</style></head><body><div class="win">
<div class="title">${esc(r.name)} — byline-demo</div>
<div class="tabs"><div class="tab">${esc(r.name)}</div></div>
<div class="editor">${body}</div>
<div class="panel"><div class="head"><span>PROBLEMS</span> &nbsp; ${r.diagnostics.length}</div>${problems}</div>
<div class="status"><span>Ln ${r.hover.at.line + 1}, Col ${r.hover.at.character + 1} &nbsp; UTF-8 &nbsp; LF &nbsp; Plain Text</span><span>${codicons(r.status)}</span></div>
</div>
<div class="caption">A rendering, not a screenshot of VS Code: the text, diagnostics, entity colours, inlay hints,
hover and status-bar text are what <code>byline serve</code> returned through the extension (editors/vscode) and
vscode-languageclient; the window around them imitates VS Code's Dark Modern theme.</div>
</body></html>
`;
}

async function main() {
  const [article, first = '1', last = '40', hoverText = 'Spain'] = process.argv.slice(2);
  if (!article) throw new Error('usage: vscode-picture.js ARTICLE [FIRST_LINE LAST_LINE HOVER_TEXT]');
  const r = await collect(path.resolve(article), hoverText);
  process.stdout.write(render(r, Number(first), Math.min(Number(last), r.text.split('\n').length)));
}

main().catch((e) => {
  console.error(`vscode-picture: ${e.stack || e}`);
  process.exit(1);
});
