/** The build date, apart from the rest of the build: the command works it out before it loads the build. */
import { CasebookError } from '../errors.js';
import { t } from '../i18n/index.js';
import type { Lang } from '../types.js';

/** The build date: SOURCE_DATE_EPOCH when set (reproducible builds), otherwise now. */
export function buildDate(env: NodeJS.ProcessEnv, lang: Lang): Date {
  const raw = env.SOURCE_DATE_EPOCH;
  if (raw === undefined || raw === '') return new Date();
  if (!/^\d{1,12}$/.test(raw.trim())) throw new CasebookError(t(lang, 'render.build.badEpoch', { value: raw }));
  return new Date(Number(raw.trim()) * 1000);
}
