/**
 * The HTML casebook in memory, for `serve`: the same steps as `build` (validate, model,
 * templates), without a browser and without writing files, with caches that live across
 * rebuilds so that one changed case costs little more than that case.
 */
import { sortMessages } from '../message.js';
import type { Casebook, Lang, Message } from '../types.js';
import { newValidationCache, validate, type ValidationCache } from '../validate/index.js';
import { MarkdownRenderer, assembleHtml, prepareBook, templateFailure, type EditionFilters } from '../render/index.js';

/** What `serve` keeps between rebuilds. Start a new one when casebook.yaml or the values change. */
export interface RenderCache {
  validation: ValidationCache;
  markdown: MarkdownRenderer;
}

export const newRenderCache = (): RenderCache => ({ validation: newValidationCache(), markdown: new MarkdownRenderer(true) });

export interface LiveResult {
  /** The page, or undefined when errors stop it (see messages). */
  html: string | undefined;
  messages: Message[];
}

export function renderHtml(casebook: Casebook, options: { lang?: Lang; filters?: EditionFilters; date?: Date; cache?: RenderCache }): LiveResult {
  const lang = options.lang ?? casebook.config.language;
  const validation = validate(casebook, { lang, ...(options.cache ? { cache: options.cache.validation } : {}) });
  const messages = [...validation.messages];
  if (validation.errors > 0) return { html: undefined, messages };
  const prepared = prepareBook(casebook, lang, {
    filters: options.filters ?? {},
    date: options.date ?? new Date(),
    ...(options.cache ? { markdown: options.cache.markdown } : {}),
  });
  messages.push(...prepared.messages);
  if (!prepared.book) return { html: undefined, messages: sortMessages(messages) };
  const { templates, theme, view } = prepared.book;
  try {
    return { html: assembleHtml({ ...view, format: 'html' }, templates, theme), messages: sortMessages(messages) };
  } catch (error) {
    messages.push(templateFailure(casebook, lang, error));
    return { html: undefined, messages: sortMessages(messages) };
  }
}
