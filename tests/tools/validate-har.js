#!/usr/bin/env node
// Independent HAR 1.2 check for the Hookbench test suite: node validate-har.js FILE
'use strict';
const fs = require('fs');
const path = require('path');

let validator;
try {
  validator = require(path.join(__dirname, 'node_modules', 'har-validator'));
} catch (e) {
  console.error('har-validator is not installed: run "npm ci --prefix tests/tools" (' + e.message + ')');
  process.exit(2);
}
const file = process.argv[2];
let har;
try {
  har = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.error('cannot read ' + file + ': ' + e.message);
  process.exit(2);
}
validator.har(har).then(
  () => console.log('valid HAR 1.2: ' + har.log.entries.length + ' entries'),
  (err) => {
    console.error('invalid HAR: ' + JSON.stringify(err.errors || err.message, null, 2));
    process.exit(1);
  });
