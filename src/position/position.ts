/** A position in a source file; lines and columns are 1-based, as editors show them. */
export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}
