import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/** A new folder for a test file's scratch files, removed once its tests have run (a run left ~2,000 files behind). */
export function tempFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), `${prefix}-`))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))
  return folder
}
