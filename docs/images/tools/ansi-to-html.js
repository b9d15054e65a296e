#!/usr/bin/env node
// ansi-to-html.js: turns a terminal capture (`tmux capture-pane -p -e`: text with SGR colour
// escapes) into an HTML page that shows it as the terminal did, for a headless browser to
// screenshot. Handles what tmux emits: reset, bold, italic, underline (with colour), reverse,
// 8/16/256-colour and 24-bit foreground and background.
//
//   node ansi-to-html.js CAPTURE.ansi "caption" > page.html
'use strict';

const fs = require('node:fs');

const BASE16 = ['#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5',
  '#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff'];
const DEFAULT_FG = '#d4d4d4';
const DEFAULT_BG = '#181818';

function color256(n) {
  if (n < 16) return BASE16[n];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const c = [Math.floor(i / 36), Math.floor(i / 6) % 6, i % 6].map((x) => (x ? 55 + x * 40 : 0));
  return `rgb(${c.join(',')})`;
}

function escapeHtml(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function convert(text) {
  const st = { fg: null, bg: null, bold: false, italic: false, underline: false, ul: null, reverse: false };
  const reset = () => Object.assign(st, { fg: null, bg: null, bold: false, italic: false, underline: false, ul: null, reverse: false });
  let html = '';
  let open = false;
  const style = () => {
    let fg = st.fg || DEFAULT_FG;
    let bg = st.bg;
    if (st.reverse) [fg, bg] = [bg || DEFAULT_BG, fg];
    const css = [`color:${fg}`];
    if (bg) css.push(`background:${bg}`);
    if (st.bold) css.push('font-weight:bold');
    if (st.italic) css.push('font-style:italic');
    if (st.underline) css.push(`text-decoration:underline ${st.ul || fg}`, 'text-underline-offset:3px');
    return css.join(';');
  };
  const flush = () => {
    if (open) html += '</span>';
    html += `<span style="${style()}">`;
    open = true;
  };
  const sgr = (params) => {
    const p = params.length ? params.split(/[;:]/).map(Number) : [0];
    for (let i = 0; i < p.length; i++) {
      const n = p[i];
      if (n === 0) reset();
      else if (n === 1) st.bold = true;
      else if (n === 3) st.italic = true;
      else if (n === 4) st.underline = true;
      else if (n === 7) st.reverse = true;
      else if (n === 22) st.bold = false;
      else if (n === 23) st.italic = false;
      else if (n === 24) st.underline = false;
      else if (n === 27) st.reverse = false;
      else if (n >= 30 && n <= 37) st.fg = BASE16[n - 30];
      else if (n >= 90 && n <= 97) st.fg = BASE16[n - 90 + 8];
      else if (n === 39) st.fg = null;
      else if (n >= 40 && n <= 47) st.bg = BASE16[n - 40];
      else if (n >= 100 && n <= 107) st.bg = BASE16[n - 100 + 8];
      else if (n === 49) st.bg = null;
      else if (n === 59) st.ul = null;
      else if (n === 38 || n === 48 || n === 58) {
        let c = null;
        if (p[i + 1] === 5) { c = color256(p[i + 2]); i += 2; } else if (p[i + 1] === 2) { c = `rgb(${p[i + 2]},${p[i + 3]},${p[i + 4]})`; i += 4; }
        if (n === 38) st.fg = c;
        else if (n === 48) st.bg = c;
        else st.ul = c;
      }
    }
  };
  const re = /\x1b\[([0-9;:]*)m/g;
  let last = 0;
  flush();
  for (const m of text.matchAll(re)) {
    html += escapeHtml(text.slice(last, m.index));
    sgr(m[1]);
    flush();
    last = m.index + m[0].length;
  }
  html += escapeHtml(text.slice(last));
  if (open) html += '</span>';
  return html;
}

function page(capture, caption) {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #0b0d10; font-family: 'DejaVu Sans', sans-serif; }
.term { display: inline-block; margin: 16px; padding: 10px 12px; background: ${DEFAULT_BG}; border-radius: 6px;
  box-shadow: 0 0 0 1px #333; }
pre { margin: 0; font-family: 'DejaVu Sans Mono', monospace; font-size: 14px; line-height: normal; color: ${DEFAULT_FG}; }
.caption { color: #9aa4ad; font-size: 13px; margin: 0 16px 14px; }
</style></head><body><div class="term"><pre>${convert(capture.replace(/\n+$/, ''))}</pre></div>
<div class="caption">${escapeHtml(caption || '')}</div></body></html>\n`;
}

if (require.main === module) {
  const [file, caption] = process.argv.slice(2);
  process.stdout.write(page(fs.readFileSync(file, 'utf8'), caption));
}

module.exports = { convert, page };
