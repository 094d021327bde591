import pc from 'picocolors'

/** Colour functions; the runners' matcher utils or picocolors fit, identity functions print plain text. */
export interface MessageColors {
  received(text: string): string
  expected(text: string): string
  dim(text: string): string
  bold(text: string): string
}

export const plainColors: MessageColors = {
  received: (text) => text,
  expected: (text) => text,
  dim: (text) => text,
  bold: (text) => text,
}

/** The reporters' colours (picocolors honours NO_COLOR, FORCE_COLOR and the terminal). */
export const terminalColors: MessageColors = {
  received: pc.red,
  expected: pc.yellow,
  dim: pc.dim,
  bold: pc.bold,
}
