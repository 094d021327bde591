import type { JudgeSettings } from '../../src/engine/judgement.js'

/** What `judgeSettings` (judge-settings.ts) gives a cheap sync function: the rules' strictest reading. */
export const cheapSync: JudgeSettings = {
  threshold: 0,
  granuleBytes: 2048,
  acceptResolution: 0.5,
  floorResolution: 0.5,
  foreignFrees: false,
  costly: false,
  minLeakCalls: 4096,
  enoughLeakBytes: 16 * 1024 * 1024,
  minLeakBytes: 12 * 1024,
  minGrowingShare: 0.5,
  minWindowBytes: 16 * 1024,
  maxRateDrop: 2,
}
