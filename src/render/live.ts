/**
 * The HTML casebook in memory, for `serve`: the same steps as `build` (validate, model,
 * templates), without a browser and without writing files, with caches that live across
 * rebuilds so that one changed case costs little more than that case.
 */
import { t } from '../i18n/index.js';
import { sortMessages } from '../message.js';
import type { Casebook, Lang, Message } from '../types.js';
import { newValidationCache, validate, type ValidationCache } from '../validate/index.js';
import { assembleHtml, resolveTheme } from './html.js';
import { MarkdownRenderer } from './markdown.js';
import { buildModel, type EditionFilters } from './model.js';
import { configMessage } from './source-message.js';
import { TemplateRenderError, loadTemplates } from './templates.js';

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
  const loaded = loadTemplates(casebook, lang);
  messages.push(...loaded.messages);
  if (!loaded.templates) return { html: undefined, messages: sortMessages(messages) };
  const theme = resolveTheme(casebook, lang);
  const model = buildModel(casebook, {
    filters: options.filters ?? {},
    date: options.date ?? new Date(),
    primaryColour: theme.theme.primary,
    ...(theme.theme.logo ? { logo: theme.theme.logo } : {}),
    ...(options.cache ? { markdown: options.cache.markdown } : {}),
  });
  messages.push(...theme.messages, ...model.messages);
  try {
    return { html: assembleHtml({ ...model.view, format: 'html' }, loaded.templates, theme.theme), messages: sortMessages(messages) };
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    messages.push(configMessage(casebook, '/templates', 'render/template-render', 'error', t(lang, 'render.messages.templateRender', { detail: error.message })));
    return { html: undefined, messages: sortMessages(messages) };
  }
}
