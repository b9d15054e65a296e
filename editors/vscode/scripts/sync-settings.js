#!/usr/bin/env node
// sync-settings.js: regenerates what the extension's manifest takes from byline's rule registry.
//
//   node scripts/sync-settings.js [--byline PATH] [--check]
//
// It runs `byline config-schema` (the JSON schema of .byline.json, generated from the registry)
// and `byline explain` (the list of rules), and writes
//   - package.json: contributes.configuration[1], "byline: rules", one setting byline.rules.<id>
//     per rule (enum error/warning/information/hint/off, the registry's default, its summary);
//   - schemas/byline.schema.json: a copy of the schema, for VS Code's validation of .byline.json.
// Both files are committed; tests/clients/vscode checks that they agree with the registry.
// --check writes nothing and exits 1 when either file is out of date.
//
// The binary: --byline PATH, else $BYLINE, else ../../build/server/byline, else `byline` on PATH.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const MANIFEST = path.join(ROOT, 'package.json');
const SCHEMA = path.join(ROOT, 'schemas', 'byline.schema.json');
const RULES_SECTION_TITLE = 'byline: rules';

function findByline(argv) {
  const i = argv.indexOf('--byline');
  if (i >= 0 && argv[i + 1]) return argv[i + 1];
  if (process.env.BYLINE) return process.env.BYLINE;
  const built = path.resolve(ROOT, '..', '..', 'build', 'server', 'byline');
  return fs.existsSync(built) ? built : 'byline';
}

function run(byline, args) {
  return execFileSync(byline, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// `byline explain` prints one rule a line: "<id>  <default severity>  <summary>".
function parseRuleList(text) {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^(\S+)\s+(\S+)\s+(.*)$/.exec(l);
      if (!m) throw new Error(`byline explain: unexpected line: ${JSON.stringify(l)}`);
      return { id: m[1], severity: m[2], summary: m[3] };
    });
}

// The rules section of contributes.configuration, from the schema's rules (registry order).
function rulesSection(schema, ruleList) {
  const props = schema.properties && schema.properties.rules && schema.properties.rules.properties;
  if (!props) throw new Error('byline config-schema: no properties.rules.properties');
  const ids = Object.keys(props);
  const listed = ruleList.map((r) => r.id);
  if (JSON.stringify(ids) !== JSON.stringify(listed)) {
    throw new Error(`config-schema rules ${ids.join(',')} differ from explain's ${listed.join(',')}`);
  }
  const properties = {};
  ids.forEach((id, order) => {
    const rule = props[id];
    properties[`byline.rules.${id}`] = {
      type: 'string',
      enum: rule.enum,
      default: rule.default,
      order,
      scope: 'resource',
      markdownDescription:
        `${rule.description}\n\n` +
        `Rule \`${id}\` (default \`${rule.default}\`; run \`byline explain ${id}\` or the command ` +
        '**byline: Explain Rule**). Applies to files that no `.byline.json` governs; where one ' +
        'does, set severities there, where CI reads them too.',
    };
  });
  return { title: RULES_SECTION_TITLE, properties };
}

function generate(byline) {
  const schemaText = run(byline, ['config-schema']);
  const schema = JSON.parse(schemaText);
  const ruleList = parseRuleList(run(byline, ['explain']));
  const pkg = JSON.parse(fs.readFileSync(MANIFEST, 'utf8'));
  const config = pkg.contributes && pkg.contributes.configuration;
  if (!Array.isArray(config) || config.length < 1) {
    throw new Error('package.json: contributes.configuration must be an array whose first section holds the general settings');
  }
  const section = rulesSection(schema, ruleList);
  const i = config.findIndex((s) => s.title === RULES_SECTION_TITLE);
  if (i >= 0) config[i] = section;
  else config.push(section);
  return {
    manifest: JSON.stringify(pkg, null, 2) + '\n',
    schema: JSON.stringify(schema, null, 2) + '\n',
  };
}

function main() {
  const argv = process.argv.slice(2);
  const check = argv.includes('--check');
  const byline = findByline(argv);
  const out = generate(byline);
  const targets = [
    [MANIFEST, out.manifest],
    [SCHEMA, out.schema],
  ];
  let stale = 0;
  for (const [file, text] of targets) {
    const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (old === text) continue;
    stale++;
    if (check) {
      console.error(`${path.relative(process.cwd(), file)} is out of date: run node editors/vscode/scripts/sync-settings.js`);
    } else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
  if (check && stale) process.exit(1);
  if (!stale) console.log('up to date');
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`sync-settings: ${e.message}`);
    process.exit(2);
  }
}

module.exports = { parseRuleList, rulesSection, generate };
