// Busy processes beside a command: the load of a shared CI machine or of a parallel test run.
import { spawn } from 'node:child_process'

/** Starts `count` busy processes and returns how to stop them; they stop on exit and Ctrl-C too. */
export function startLoad(count) {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for(;;);'], { stdio: 'ignore' }),
  )
  const stop = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill()
  }
  const interrupted = () => {
    stop()
    process.exit(130)
  }
  if (count > 0) {
    console.log(`load: ${count} busy processes (${children.map((c) => c.pid).join(', ')})`)
    process.on('exit', stop)
    process.once('SIGINT', interrupted)
    process.once('SIGTERM', interrupted)
  }
  return { stop }
}
