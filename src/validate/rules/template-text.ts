import { MARKDOWN_FIELDS, OPTION_LISTS, caseStatus } from '../../case/index.js';
import { isTemplateText } from '../../case/template.js';
import type { CaseRule, RuleReport } from '../../rule.js';

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * A case is finished when nothing of the template is left in it: text that `casebook new`
 * wrote for the author to replace, an option with nothing in it, a legal reference to the
 * template's placeholder law. Unfinished is fine for a draft (a warning, to remember), not
 * for a case under review or published: those go into the shared book (an error).
 */
export const templateText: CaseRule = {
  id: 'casebook/template-text',
  defaultSeverity: 'error',
  scope: 'case',
  check(ctx) {
    const { data } = ctx;
    const severity = caseStatus(data) === 'draft' ? 'warning' : 'error';
    const report = (finding: Omit<RuleReport, 'severity'>) => ctx.report({ ...finding, severity });
    // At the text itself: in a block (`situation: |`) that is the line below the key.
    const left = (pointer: string, field: string, value: unknown) =>
      report({ pointer, needle: String(value).trim(), message: ctx.t('casebook.templateText', { field }) });

    for (const field of MARKDOWN_FIELDS) if (isTemplateText(field, data[field])) left(`/${field}`, field, data[field]);

    if (Array.isArray(data.options)) {
      data.options.forEach((option: unknown, i) => {
        const at = `/options/${i}`;
        // `- Traplift` is an option written as text: the schema says to write `- title: Traplift`.
        if (typeof option === 'string' && !isBlank(option)) return;
        if (!isRecord(option) || (isBlank(option.title) && OPTION_LISTS.every((side) => !Array.isArray(option[side]) || option[side].length === 0))) {
          report({ pointer: at, message: ctx.t('casebook.emptyOption', { number: i + 1 }) });
          return;
        }
        if (isTemplateText('optionTitle', option.title)) left(`${at}/title`, 'options', option.title);
        for (const side of OPTION_LISTS) {
          const items = option[side];
          if (Array.isArray(items)) items.forEach((item, j) => isTemplateText(side, item) && left(`${at}/${side}/${j}`, 'options', item));
        }
      });
    }

    if (Array.isArray(data.legal)) {
      data.legal.forEach((item: unknown, i) => {
        if (!isRecord(item)) return;
        const at = `/legal/${i}`;
        if (isTemplateText('law', item.law)) report({ pointer: `${at}/law`, message: ctx.t('casebook.placeholderLaw', { law: String(item.law) }) });
        if (isTemplateText('note', item.note)) left(`${at}/note`, 'legal', item.note);
      });
    }
  },
};
