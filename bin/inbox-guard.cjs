#!/usr/bin/env node
'use strict';
// Runs the TypeScript CLI through tsx, so a checkout works without a build step.
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const entry = pathToFileURL(path.join(__dirname, '..', 'electron', 'cli', 'main.ts')).href;

// The ESM build of tsx's API: its CommonJS build cannot load the ESM loader here.
import('tsx/esm/api')
  .then(({ tsImport }) => tsImport(entry, __filename))
  .then((cli) => cli.main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    process.stderr.write(`inbox-guard: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
