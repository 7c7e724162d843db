// Worker threads do not inherit the test runner's TypeScript loader: register it, then load the worker.
require('tsx/cjs/api').register();
require('./bounds-worker.ts');
