/** The in-process CLI runner lives with the other helpers; this name stays for the tests that import it from here. */
export { runInProcess } from './helpers.js';
