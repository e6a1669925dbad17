#!/usr/bin/env node
'use strict';
require('reflect-metadata');
require('../dist/src/cli/main.js').main(process.argv).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
