#!/usr/bin/env node
// validate_sarif.js FILE: checks a SARIF log against the published SARIF 2.1.0 JSON schema.
//
// The schema is the one Microsoft's SARIF SDK publishes for the 2.1.0 standard
// (sarif-2.1.0-rtm.5.json, a JSON Schema draft-04 document), as shipped in the npm package
// @microsoft/jest-sarif; the validator is Ajv with its draft-04 class and ajv-formats, so the
// "uri", "uri-reference" and "date-time" formats the schema uses are checked too.
// Exit status: 0 valid, 1 invalid (each error on stderr), 2 usage or I/O error.
'use strict';

const fs = require('fs');
const path = require('path');

const SCHEMA = path.join(__dirname, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas',
                         'sarif-2.1.0-rtm.5.json');

function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write('usage: node validate_sarif.js FILE\n');
    return 2;
  }
  let Ajv04, addFormats;
  try {
    Ajv04 = require('ajv-draft-04');
    addFormats = require('ajv-formats');
  } catch (e) {
    process.stderr.write(`validate_sarif: ${e.message}\n(run npm ci in tests/cli)\n`);
    return 2;
  }
  let schema, log;
  try {
    schema = JSON.parse(fs.readFileSync(SCHEMA, 'utf8'));
    log = JSON.parse(fs.readFileSync(argv[0], 'utf8'));
  } catch (e) {
    process.stderr.write(`validate_sarif: ${e.message}\n`);
    return 2;
  }
  // strict: false because the published schema uses keywords Ajv's strict mode rejects
  // (e.g. "default" next to "$ref"); unicodeRegExp: false because one of its patterns
  // (toolComponent.language, "...{2}]?$") is a valid ECMAScript regexp only without the u flag.
  // Neither loosens the validation of the log.
  const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(log)) {
    process.stdout.write(`${argv[0]}: valid SARIF 2.1.0 (${schema.title})\n`);
    return 0;
  }
  for (const err of validate.errors) {
    process.stderr.write(`${argv[0]}: ${err.instancePath || '/'} ${err.message}` +
                         ` (${err.schemaPath} ${JSON.stringify(err.params)})\n`);
  }
  return 1;
}

process.exitCode = main(process.argv.slice(2));
