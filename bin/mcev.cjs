#!/usr/bin/env node
"use strict";
// The `mcev` command. The bundle is built by `npm install` (package.json "prepare"); when it is
// missing (e.g. installed with --ignore-scripts), it is built here once.
const { existsSync } = require("node:fs");
const { join } = require("node:path");
const { execFileSync } = require("node:child_process");

const bundle = join(__dirname, "..", "build", "cli", "mcev.cjs");
if (!existsSync(bundle)) {
  execFileSync(process.execPath, [join(__dirname, "..", "scripts", "build-cli.mjs")], { stdio: "inherit" });
}
require(bundle).run();
