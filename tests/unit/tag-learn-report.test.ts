/**
 * What `tag --learn` tells a team: the cross-validated micro-F1 as a score out of 100 with what
 * it weighs, and, when the model does not help, what `tag` will do and how to change that
 * (with the built-in value set, deleting the team's model brings back the built-in one).
 */
import { describe, expect, it } from 'vitest';
import { learnReport } from '../../src/cli/commands/tag-learn.js';
import type { TrainingSummary } from '../../src/tag/index.js';

const figures = (micro: number, precision: number, recall: number) => ({ micro, macro: micro, precision, recall });
const training = (blend: number): TrainingSummary => ({ cases: 500, folds: 5, lambda: 0.01, lexicon: figures(0.794, 0.8, 0.78), blend: figures(blend, 0.884, 0.836) });
const report = (blend: number, withBuiltIn: boolean, lang: 'nl' | 'en') => learnReport({ training: training(blend), teamCases: 40, withBuiltIn, file: '.casebook/tagger.json' }, lang);

describe('the report of tag --learn', () => {
  it('gives the scores as whole numbers out of 100, in plain words (Dutch and English)', () => {
    expect(report(0.856, false, 'nl').slice(1, 5)).toEqual([
      'Getest op jullie eigen casussen, 5 keer, telkens op een deel dat het model bij het leren niet had gezien:',
      '  met het geleerde model: score 86 van de 100 (84 van elke 100 kernwaarden die jullie gaven worden voorgesteld; 88 van elke 100 voorstellen kloppen)',
      '  alleen de signaalwoorden: score 79 van de 100 (78 van elke 100 kernwaarden die jullie gaven worden voorgesteld; 80 van elke 100 voorstellen kloppen)',
      'De score weegt beide mee; 100 betekent: precies de kernwaarden die jullie zelf gaven.',
    ]);
    expect(report(0.856, true, 'en')[2]).toBe('  with the learned model: score 86 out of 100 (84 of every 100 values you gave are suggested; 88 of every 100 suggestions are right)');
    expect(report(0.856, true, 'nl')[5]).toBe("Het model helpt: 'casebook tag' gebruikt het vanaf nu.");
  });

  it('says truthfully what tag does when the model does not help: with its own value set and with the built-in one', () => {
    expect(report(0.7, false, 'nl')[5]).toBe("Het model helpt niet op jullie casussen, maar 'casebook tag' gebruikt het toch zolang .casebook/tagger.json er staat. Verwijder .casebook/tagger.json (of gebruik 'casebook tag --no-model') om alleen de signaalwoorden te gebruiken.");
    expect(report(0.794, true, 'nl')[5]).toBe("Het model helpt niet op jullie casussen, maar 'casebook tag' gebruikt het toch zolang .casebook/tagger.json er staat. Verwijder .casebook/tagger.json om weer het ingebouwde model te gebruiken; 'casebook tag --no-model' gebruikt alleen de signaalwoorden.");
    expect(report(0.7, true, 'en')[5]).toBe("The model does not help on your cases, but 'casebook tag' uses it anyway as long as .casebook/tagger.json is there. Delete .casebook/tagger.json to use the built-in model again; 'casebook tag --no-model' uses the signal phrases alone.");
  });
});
