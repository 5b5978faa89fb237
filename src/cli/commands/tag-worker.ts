/** A worker thread of tag: suggests values for its share of a large casebook's files (tag-task.ts). */
import { serveFileTask } from '../../load/index.js';
import { prepareTagging } from './tag-task.js';

serveFileTask(prepareTagging);
