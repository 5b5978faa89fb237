/**
 * tag's work on each case file, for loadCasebook: read, parse with the node tree, suggest
 * values (src/tag's tagWhileLoading), and send back only the suggestions. In worker threads
 * for a large casebook, on this thread otherwise; the same function either way.
 */
import type { FileTask } from '../../load/index.js';
import { chooseModel, tagWhileLoading, type CaseTags, type TagOptions } from '../../tag/index.js';
import { ownString } from '../../util/own-string.js';

export interface TagTaskOptions {
  tag: Omit<TagOptions, 'model'>;
  /** false: the lexicon alone (--no-model); else the casebook's model (chooseModel). */
  model: boolean;
  /** Keep each case's text (--write splices it). */
  keepText: boolean;
  /** Parse with the node tree, to place evidence (not for JSON, which shows no positions). */
  tree: boolean;
}

export function tagTask(options: TagTaskOptions, onResult: (file: string, tags: CaseTags) => void): FileTask<CaseTags | undefined> {
  return {
    worker: new URL('./tag-worker.js', import.meta.url),
    options,
    tree: options.tree,
    keepText: options.keepText,
    prepare: prepareTagging,
    onResult: (file, tags) => tags && onResult(file.path, tags),
  };
}

export const prepareTagging: FileTask<CaseTags | undefined>['prepare'] = (settings) => {
  const { tag, model: useModel } = settings.options as TagTaskOptions;
  const book = { config: settings.config, values: settings.values };
  const model = useModel ? chooseModel(book).model : undefined;
  const early = tagWhileLoading(tag, () => model);
  return (file) => {
    early.onCase(file, book);
    const result = early.tagged.get(file.path);
    early.tagged.delete(file.path);
    // The value ids are cut from the file's text by the parser: kept as they are, every
    // case's whole text would stay alive until the report (34 MB at 10,000 cases).
    if (result) result.values = result.values.map(ownString);
    return { data: undefined, messages: file.messages, result };
  };
};
