/** The module the runtime loads when config/defaults.json names `alternative-qbo`. */
export { alternativeQboPlugin as plugin } from './alternative-qbo-plugin';
