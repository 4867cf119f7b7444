#!/usr/bin/env node
// Other editors start this with --stdio; VS Code starts dist/server.js over IPC.
require('../dist/server.js');
