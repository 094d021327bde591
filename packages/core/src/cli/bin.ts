#!/usr/bin/env node
// The `leakproof` command (npx leakproof --help).
import { terminalColors } from '../report/message-colors.js'
import { runCli } from './run-cli.js'

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  colors: terminalColors,
})
