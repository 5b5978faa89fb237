// Compiles a built-in Handlebars template to plain JavaScript that gives the same text as
// Handlebars' own precompiled code, for the few constructs the built-in templates use. Laying
// out 1,000 cases through the Handlebars runtime was about a sixth of an HTML build: for every
// `{{x}}` a lookupProperty call, for every `{{#if}}` an options object, a program wrapper and a
// wrapped helper call. What this does not know (`../`, block parameters, hashes, decorators,
// other block helpers, dynamic partials) makes it give up: the template is then laid out by
// Handlebars as before. Used by scripts/compile-templates.mjs; src/render/templates.ts takes
// the result only for built-in templates whose text is unchanged, and only when every partial
// they call is one too. tests/unit/render-fast-templates.test.ts compares both ways.

/** Names that would reach a prototype (Handlebars refuses those); such a template is left to Handlebars. */
const UNSAFE_NAMES = new Set(['constructor', '__proto__', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']);

class Unsupported extends Error {}

const literal = (value) => JSON.stringify(value);

/**
 * Compiles one template's AST (Handlebars.parse, whitespace control applied); returns the source
 * of `function (rt) { ... return main }` and the partials it calls, or undefined. `knownHelpers`:
 * the names compiled as helpers even without parameters (knownHelpersOnly).
 */
export function compileFast(ast, knownHelpers) {
  const programs = [];
  const partials = new Set();

  /** A path's value: context lookups guard with `!= null`, data lookups with `&&`, as Handlebars' code does. */
  function path(node, ctx) {
    if (node.type !== 'PathExpression') return value(node, ctx);
    if (node.depth !== 0) throw new Unsupported('../');
    for (const part of node.parts) if (UNSAFE_NAMES.has(part)) throw new Unsupported(part);
    if (node.data) return node.parts.reduce((code, part) => `rt.and(${code}, ${literal(part)})`, 'd');
    return node.parts.reduce((code, part) => `rt.get(${code}, ${literal(part)})`, ctx);
  }

  function value(node, ctx) {
    switch (node.type) {
      case 'PathExpression': return path(node, ctx);
      case 'StringLiteral': return literal(node.value);
      case 'NumberLiteral': return String(node.value);
      case 'BooleanLiteral': return String(node.value);
      case 'UndefinedLiteral': return 'undefined';
      case 'NullLiteral': return 'null';
      case 'SubExpression': return helperCall(node, ctx);
      default: throw new Unsupported(node.type);
    }
  }

  /** A call of one of our helpers, with what Handlebars' options give them (`this` is the context, never null here). */
  function helperCall(node, ctx) {
    if (node.path.type !== 'PathExpression' || node.path.data || node.path.parts.length !== 1) throw new Unsupported('helper');
    if (node.hash && node.hash.pairs.length > 0) throw new Unsupported('hash');
    const name = node.path.parts[0];
    const args = node.params.map((param) => value(param, ctx));
    return `rt.helpers[${literal(name)}].call(${ctx}, ${[...args, `{ name: ${literal(name)}, hash: {}, data: d }`].join(', ')})`;
  }

  /** The name of a path that is one name on the context (`{{title}}`), else undefined. */
  function ownName(node) {
    if (node.type !== 'PathExpression' || node.depth !== 0 || node.data || node.parts.length !== 1) return undefined;
    path(node, 'c'); // refuses the unsafe names
    return node.parts[0];
  }

  function isHelper(node) {
    return node.params.length > 0 || (node.path.type === 'PathExpression' && !node.path.data && node.path.parts.length === 1 && knownHelpers.has(node.path.parts[0]));
  }

  /** A program (a block's body) as a function of its context and data; returns its name. */
  function program(node) {
    const index = programs.length;
    programs.push('');
    const lines = node.body.map((statement) => statementCode(statement, 'c'));
    programs[index] = `  function p${index}(c, d) {\n    let o = '';\n${lines.filter(Boolean).map((line) => `    ${line}\n`).join('')}    return o;\n  }`;
    return `p${index}`;
  }

  function block(node, ctx) {
    if (!node.program || node.path.type !== 'PathExpression' || node.path.parts.length !== 1 || node.path.data) throw new Unsupported('block');
    if ((node.hash && node.hash.pairs.length > 0) || node.program.blockParams || node.params.length !== 1) throw new Unsupported('block form');
    const name = node.path.parts[0];
    const fn = program(node.program);
    const inverse = node.inverse ? program(node.inverse) : undefined;
    const subject = value(node.params[0], ctx);
    if (name === 'if' || name === 'unless') {
      const [yes, no] = name === 'if' ? [fn, inverse] : [inverse, fn];
      const call = (which) => (which ? `${which}(${ctx}, d)` : `''`);
      const own = ownName(node.params[0]);
      const test = own !== undefined ? `rt.lacks(${ctx}, ${literal(own)})` : `rt.falsy(${ctx}, ${subject})`;
      return `o += ${test} ? ${call(no)} : ${call(yes)};`;
    }
    if (name === 'each' || name === 'with') {
      const options = `{ name: ${literal(name)}, hash: {}, data: d, fn: rt.fn(${fn}, d), inverse: ${inverse ? `rt.fn(${inverse}, d)` : 'rt.noop'} }`;
      return `o += rt.text(rt.helpers[${literal(name)}].call(${ctx}, ${subject}, ${options}));`;
    }
    throw new Unsupported(`#${name}`);
  }

  function statementCode(node, ctx) {
    switch (node.type) {
      case 'ContentStatement': return node.value === '' ? '' : `o += ${literal(node.value)};`;
      case 'CommentStatement': return '';
      case 'MustacheStatement': {
        if (node.hash && node.hash.pairs.length > 0) throw new Unsupported('hash');
        const own = ownName(node.path);
        if (!isHelper(node) && own !== undefined) return `o += rt.${node.escaped ? 'shown' : 'raw'}(${ctx}, ${literal(own)});`;
        const shown = isHelper(node) ? helperCall(node, ctx) : `rt.lambda(${path(node.path, ctx)}, ${ctx})`;
        return node.escaped ? `o += rt.escape(${shown});` : `o += rt.text(${shown});`;
      }
      case 'BlockStatement': return block(node, ctx);
      case 'PartialStatement': {
        if (node.name.type !== 'PathExpression' || node.params.length > 0 || (node.hash && node.hash.pairs.length > 0)) throw new Unsupported('partial form');
        const name = node.name.original;
        partials.add(name);
        // With preventIndent, Handlebars writes a standalone partial's indent once, before it.
        const indent = node.indent ? `o += ${literal(node.indent)}; ` : '';
        return `${indent}o += rt.text(rt.partial(${literal(name)}, ${ctx}, d));`;
      }
      default: throw new Unsupported(node.type);
    }
  }

  try {
    const main = program(ast);
    return { code: `function (rt) {\n${programs.join('\n')}\n  return ${main};\n}`, partials: [...partials] };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}
