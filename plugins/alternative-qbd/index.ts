/** The module the runtime loads when config/defaults.json names `alternative-qbd`. */
export { alternativeQbdPlugin as plugin } from './alternative-qbd-plugin';
