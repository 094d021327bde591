// node scripts/with-load.mjs N command [args...]
// Runs a command with N busy processes beside it (as CI does for the core tests: verdicts must not
// depend on how busy the machine is) and exits with the command's exit code.
import { spawn } from 'node:child_process'
import { startLoad } from './busy-load.mjs'

const [count, command, ...args] = process.argv.slice(2)
if (!command || !(Number(count) >= 0)) {
  console.error('usage: node scripts/with-load.mjs <busy processes> <command> [args...]')
  process.exit(2)
}
const load = startLoad(Number(count))
const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' })
child.on('exit', (code, signal) => {
  load.stop()
  process.exit(code ?? (signal ? 1 : 0))
})
