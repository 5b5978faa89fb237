/**
 * The import rules of casebook's source (README: "How the code is laid out"). Stages import
 * only stages below them; shared modules import no stage. `npm test` runs this check
 * (`npm run lint:deps`), so a new upward import or a loop fails CI.
 *
 * From the bottom up; a layer may import its own layer's modules and every layer below it.
 */
const layers = [
  // Shared: the data every stage speaks, messages, the case definition, positions, helpers.
  { name: 'shared', path: '^src/(types|errors|paths|version|data|message|rule)\\.ts$|^src/(i18n|util|case|position)/' },
  { name: 'load', path: '^src/load/' },
  { name: 'privacy', path: '^src/privacy/' },
  { name: 'validate', path: '^src/validate/' },
  { name: 'tag', path: '^src/(tag|stats)/' },
  // Inputs and outputs: the book (HTML, PDF, Word) and cases read from Word or Markdown.
  { name: 'render', path: '^src/(render|import)/' },
  { name: 'build', path: '^src/build/' },
  { name: 'report', path: '^src/report/' },
  { name: 'serve', path: '^src/serve/' },
  { name: 'cli', path: '^src/cli/|^src/index\\.ts$' },
];

const upward = layers.slice(0, -1).map((layer, index) => ({
  name: `no-upward-from-${layer.name}`,
  comment: `${layer.name} may import only ${layers.slice(0, index + 1).map((l) => l.name).join(', ')}`,
  severity: 'error',
  from: { path: layer.path },
  to: { path: layers.slice(index + 1).map((l) => l.path).join('|') },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'no-circular',
      comment: 'No import loops, not even within a stage.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-folder-loop',
      comment: 'No loops between folders either (load -> validate -> load).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'in-a-layer',
      comment: 'Every module of src/ belongs to one of the layers above: add a new folder to the list.',
      severity: 'error',
      from: { path: '^src/', pathNot: layers.map((l) => l.path).join('|') },
      to: {},
    },
    {
      name: 'no-tests-or-scripts-in-src',
      comment: 'The package does not import tests, scripts or benchmarks.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(tests|scripts|bench)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
