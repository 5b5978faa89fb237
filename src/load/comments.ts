/**
 * The comments of a YAML file, as YAML reads them. A `#` inside a block of text
 * (`situation: |`), inside quotes, or without a space before it is text, not a comment:
 * it goes into the book. So whatever acts on comments (`# casebook-disable-…`) asks here
 * instead of searching the lines. The yaml lexer only cuts the text into tokens, without
 * building a document: cheap enough for every file that mentions a directive.
 */
import { yaml } from '../util/yaml.js';

export interface SourceComment {
  /** 1-based line of the `#`. */
  line: number;
  /** The comment from its `#` to the end of the line. */
  text: string;
}

export function yamlComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  const { CST, Lexer } = yaml();
  let line = 1;
  for (const token of new Lexer().lex(text)) {
    if (CST.tokenType(token) === 'comment') comments.push({ line, text: token });
    for (let at = token.indexOf('\n'); at >= 0; at = token.indexOf('\n', at + 1)) line++;
  }
  return comments;
}
