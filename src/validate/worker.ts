/** A worker thread of validate: checks its share of a large casebook's files (fileCheckTask). */
import { serveFileTask } from '../load/index.js';
import { prepareFileChecks } from './index.js';

serveFileTask(prepareFileChecks);
