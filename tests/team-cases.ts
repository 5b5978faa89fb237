/**
 * A made-up team casebook with its own six values, for the tests of the learned tagger: each
 * case puts one or two values at stake in words the value's label never uses (what a lexicon
 * of labels misses and a model can learn), in varied sentences. Deterministic.
 */
export const TEAM_VALUES = [
  { id: 'zorg', label: 'Zorg', words: ['verpleging', 'mantelzorg', 'thuiszorg', 'wondverzorging', 'dagbesteding'] },
  { id: 'veiligheid', label: 'Veiligheid', words: ['dreiging', 'brandgevaar', 'huiselijk geweld', 'politie', 'valpartij'] },
  { id: 'recht', label: 'Recht', words: ['bezwaarschrift', 'beschikking', 'rechter', 'jurisprudentie', 'motivering'] },
  { id: 'geld', label: 'Geld', words: ['schulden', 'budget', 'eigen bijdrage', 'toeslag', 'betalingsachterstand'] },
  { id: 'wonen', label: 'Wonen', words: ['huurwoning', 'verhuizing', 'woningcorporatie', 'urgentie', 'trapleuning'] },
  { id: 'werk', label: 'Werk', words: ['werkgever', 'sollicitatie', 're-integratie', 'proefplaatsing', 'arbeidsmarkt'] },
] as const;

const FILLER = [
  'De consulent bespreekt het aan de keukentafel.',
  'Het team twijfelt over de aanpak.',
  'De inwoner woont al jaren in de wijk.',
  'Er is eerder contact geweest met de gemeente.',
];

export function teamValuesYaml(): string {
  return ['values:', ...TEAM_VALUES.flatMap((v) => [`  - id: ${v.id}`, `    label: ${v.label}`, `    description: Over ${v.label.toLowerCase()}.`]), ''].join('\n');
}

/** `count` cases (file name → YAML), each tagged with the values it is about. */
export function teamCases(count: number): Record<string, string> {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const first = TEAM_VALUES[i % TEAM_VALUES.length]!;
    const second = i % 3 === 0 ? TEAM_VALUES[(i + 2) % TEAM_VALUES.length]! : undefined;
    const about = second ? [first, second] : [first];
    const sentences = about.flatMap((v) => [`Het gaat om ${pick(v.words)} en ${pick(v.words)}.`, `Ook ${pick(v.words)} speelt mee.`]);
    const text = [pick(FILLER), ...sentences, pick(FILLER)].join(' ');
    files[`cases/c${String(i).padStart(2, '0')}.yaml`] = [
      `title: Casus ${i}`,
      'status: published',
      'domains: [wmo]',
      `situation: ${JSON.stringify(text)}`,
      `dilemma: ${JSON.stringify(`Wat weegt zwaarder bij ${pick(about[0]!.words)}?`)}`,
      `values: [${about.map((v) => v.id).join(', ')}]`,
      '',
    ].join('\n');
  }
  return files;
}
