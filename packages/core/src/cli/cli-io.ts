import type { MessageColors } from '../report/message-colors.js'

/** What a command writes to and where it runs: the real process in `bin`, a fake in tests. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  cwd: string
  colors: MessageColors
}
