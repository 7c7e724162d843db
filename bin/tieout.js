#!/usr/bin/env node
'use strict';
// V8 compiles a function with its optimizing compiler once it has run ~66 KB of bytecode, on
// background threads, and every worker thread compiles its own copy. A batch run is short and
// keeps both cores busy, so that compiling cost more CPU than it saved: with the budget raised
// 30-fold only the truly hot loops (the HTML tokenizer, the XML writer) are optimized, and
// `tieout build --no-pdf` over the corpus used about 40% less CPU (npm run bench).
// Set before anything else is loaded; the worker threads share the process's V8 flags.
require('v8').setFlagsFromString('--interrupt-budget=2000000');
// Runs the compiled CLI (built by `npm install` through the prepare script).
require('../dist/cli.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
