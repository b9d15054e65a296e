// preflight.js: loaded with `node --require` before the test runner starts (and again in each
// test file's process, where it finds everything in place). Without the npm packages of this
// folder (`npm ci` here) or without $BYLINE the tests cannot run: exit 77, which meson counts as
// skipped; with BYLINE_REQUIRE_NODE=1 (CI) that is a failure instead, as is a missing
// editors/vscode/node_modules (elsewhere the extension's tests just skip without it).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const here = __dirname;
const missing = ['vscode-jsonrpc', 'vscode-languageserver-protocol', 'vscode-languageserver-textdocument']
  .filter((m) => !fs.existsSync(path.join(here, 'node_modules', m, 'package.json')));

// The extension's own packages (vscode-languageclient, @vscode/vsce) are needed by the tests of
// the extension and of its package; without them those tests skip, except in CI.
const extension = path.resolve(here, '..', '..', '..', 'editors', 'vscode', 'node_modules');
const extensionMissing = ['vscode-languageclient', path.join('@vscode', 'vsce')]
  .filter((m) => !fs.existsSync(path.join(extension, m, 'package.json')));

let problem = null;
if (missing.length) {
  problem = `${path.join(here, 'node_modules')} lacks ${missing.join(', ')}: run \`npm ci\` in tests/clients/vscode`;
} else if (extensionMissing.length && process.env.BYLINE_REQUIRE_NODE === '1') {
  problem = `${extension} lacks ${extensionMissing.join(', ')}: run \`npm ci\` in editors/vscode`;
} else if (!process.env.BYLINE) {
  problem = '$BYLINE is not set: run through `meson test -C build client-vscode` or set BYLINE=build/server/byline';
}

if (problem) {
  if (process.env.BYLINE_REQUIRE_NODE === '1') {
    process.stderr.write(`client-vscode: FAIL: ${problem}\n`);
    process.exit(1);
  }
  process.stderr.write(`client-vscode: SKIP: ${problem}\n`);
  process.exit(77);
}
