/**
 * Where decision and outcome go in an edition: `inline` at each case (folded away in the
 * HTML), `appendix` collected at the back in "Besluiten en afloop" with a pointer at each
 * case, or `omit` (left out of the edition altogether). The casebook exists to be discussed:
 * a team reads the situation and the dilemma first and the decision last.
 */
import type { CaseView, DecisionEntryView, DecisionsMode, DecisionsView } from './view.js';

export type { DecisionEntryView, DecisionsMode, DecisionsView } from './view.js';
export const DECISIONS_MODES: readonly DecisionsMode[] = ['inline', 'appendix', 'omit'];

/**
 * Moves decision and outcome out of the case views for `appendix` and `omit`, so that no
 * layout (HTML, PDF, Word) can show them at the case. `anchorOf` gives an entry's fragment id.
 */
export function placeDecisions(cases: CaseView[], mode: DecisionsMode, anchorOf: (id: string) => string): DecisionsView {
  const entries: DecisionEntryView[] = [];
  if (mode === 'inline') return { mode, entries };
  for (const view of cases) {
    const { decision, outcome } = view;
    delete view.decision;
    delete view.outcome;
    if (mode === 'omit' || (decision === undefined && outcome === undefined)) continue;
    const entry: DecisionEntryView = { id: view.id, number: view.number, title: view.title, caseAnchor: view.anchor, anchor: anchorOf(view.id) };
    if (decision !== undefined) entry.decision = decision;
    if (outcome !== undefined) entry.outcome = outcome;
    view.decisionAnchor = entry.anchor;
    entries.push(entry);
  }
  return { mode, entries };
}
