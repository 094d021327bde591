// reporters: ['default', '@leakproof/jest/reporter']
import { LeakReporter } from './leak-reporter.js'

export { LeakReporter, type LeakReporterOptions } from './leak-reporter.js'
export default LeakReporter
