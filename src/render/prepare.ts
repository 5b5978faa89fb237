/**
 * The steps `build` and `serve` share after validation: the templates, the theme and the
 * view model of the book, with what each step had to say.
 */
import { t } from '../i18n/index.js';
import type { Casebook, Lang, Message } from '../types.js';
import { resolveTheme, type Theme } from './html.js';
import { buildModel, type BookView, type ModelOptions } from './model.js';
import { configMessage } from './source-message.js';
import { TemplateRenderError, loadTemplates, type Templates } from './templates.js';

export interface PreparedBook {
  templates: Templates;
  theme: Theme;
  view: Omit<BookView, 'format'>;
}

/** The book ready to lay out; without `book` when the templates cannot be used (see messages). */
export function prepareBook(casebook: Casebook, lang: Lang, options: Omit<ModelOptions, 'logo' | 'primaryColour'>): { book?: PreparedBook; messages: Message[] } {
  const loaded = loadTemplates(casebook, lang);
  if (!loaded.templates) return { messages: loaded.messages };
  const theme = resolveTheme(casebook, lang);
  const model = buildModel(casebook, { ...options, primaryColour: theme.theme.primary, ...(theme.theme.logo ? { logo: theme.theme.logo } : {}) });
  return { book: { templates: loaded.templates, theme: theme.theme, view: model.view }, messages: [...loaded.messages, ...theme.messages, ...model.messages] };
}

/** A casebook's own template failing while the page is laid out, as a message at `templates`; anything else is rethrown. */
export function templateFailure(casebook: Casebook, lang: Lang, error: unknown): Message {
  if (!(error instanceof TemplateRenderError)) throw error;
  return configMessage(casebook, '/templates', 'render/template-render', 'error', t(lang, 'render.messages.templateRender', { detail: error.message }));
}
