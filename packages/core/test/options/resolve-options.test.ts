import { describe, expect, test } from 'vitest'
import { InvalidOptionError } from '../../src/errors/leakproof-error.js'
import { resolveOptions } from '../../src/options/resolve-options.js'

describe('resolveOptions', () => {
  test('applies defaults, with include resolved to the working directory', () => {
    expect(resolveOptions()).toMatchObject({
      iterations: 16_000_000,
      warmup: 10,
      threshold: 0,
      include: [process.cwd()],
    })
  })

  test.each([
    [{ timeout: -5 }, 'option `timeout` must be a number of milliseconds from 1 to 2147483647, received -5.'],
    // Node clamps longer timer delays to 1 ms: the budget would end at once and the test pass.
    [
      { timeout: Number.POSITIVE_INFINITY },
      'option `timeout` must be a number of milliseconds from 1 to 2147483647, received Infinity.',
    ],
    [
      { timeout: 2 ** 31 },
      'option `timeout` must be a number of milliseconds from 1 to 2147483647, received 2147483648.',
    ],
    [{ maxRetainedBytes: -1 }, 'option `maxRetainedBytes` must be a finite number of bytes >= 0'],
    [{ iterations: 2.5 }, 'option `iterations` must be an integer >= 1, received 2.5.'],
    [{ warmup: 50, iterations: 20 }, 'option `warmup` must be less than iterations (20), received 50.'],
    [{ threshold: Number.NaN }, 'option `threshold` must be a finite number of bytes >= 0, received NaN.'],
    [{ strict: 'yes' }, 'option `strict` must be true or false, received "yes".'],
    [{ include: 'src' }, 'option `include` must be an array of non-empty path strings, received "src".'],
    [{ timout: 100 }, 'option `timout` must be one of `iterations`, `warmup`'],
    [[1], 'option `options` must be an object such as { timeout: 2000 }, received an array of length 1.'],
  ])('%j is refused with a message naming the option', (options, message) => {
    expect(() => resolveOptions(options as never)).toThrow(InvalidOptionError)
    expect(() => resolveOptions(options as never)).toThrow(message)
  })
})
