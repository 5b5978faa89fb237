import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The longest a function in src/ may be, in lines (its whole text, signature to closing brace). */
const MAX_LINES = 80;
const SRC = path.resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every function (declaration, expression, arrow, method) with its length in lines. */
export function functionLengths(file: string, text: string): Array<{ name: string; line: number; lines: number }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Array<{ name: string; line: number; lines: number }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const name = (node as ts.FunctionDeclaration).name?.getText(source) ?? '(anonymous)';
      found.push({ name, line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('functions in src/', () => {
  it(`are at most ${MAX_LINES} lines long`, () => {
    const tooLong = sourceFiles(SRC).flatMap((file) =>
      functionLengths(file, readFileSync(file, 'utf8'))
        .filter((f) => f.lines > MAX_LINES)
        .map((f) => `${path.relative(SRC, file)}:${f.line} ${f.name} (${f.lines} lines)`),
    );
    expect(tooLong).toEqual([]);
  });

  it('the check sees a long function', () => {
    const long = `function long() {\n${'  work();\n'.repeat(MAX_LINES)}}\n`;
    expect(functionLengths('x.ts', long)[0]!.lines).toBeGreaterThan(MAX_LINES);
  });
});
