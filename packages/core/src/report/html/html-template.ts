/** Markup that is already safe: the result of `html`, never escaped again. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[]

/**
 * Tagged template for HTML: every interpolated value is escaped unless it is `SafeHtml`, so test
 * names, paths and source lines (which contain `<`, `&` and quotes) can never break the page.
 * Arrays are joined; `false`, `null` and `undefined` render nothing.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let text = strings[0] ?? ''
  values.forEach((value, i) => {
    text += render(value) + (strings[i + 1] ?? '')
  })
  return new SafeHtml(text)
}

/** Text content or an attribute value, escaped for both. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

function render(value: Value): string {
  if (value instanceof SafeHtml) return value.text
  if (Array.isArray(value)) return value.map(render).join('')
  if (value === null || value === undefined || value === false) return ''
  return escapeHtml(String(value))
}
