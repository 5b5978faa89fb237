/** A worker thread of validate: checks its share of a large casebook's files (fileCheckTask). */
import { serveFileTask } from '../load/index.js';
import { fileCheckTask } from './index.js';

serveFileTask(fileCheckTask.prepare);
