/**
 * The import rules in .dependency-cruiser.cjs hold for src/, and they do catch what they are
 * for: an import from a lower stage to a higher one, and a loop between folders.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const depcruise = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const config = path.join(root, '.dependency-cruiser.cjs');

function cruise(cwd: string): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [depcruise, 'src', '--config', config, '--output-type', 'err'], { cwd, encoding: 'utf8', stdio: 'pipe' });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: failed.stdout + failed.stderr };
  }
}

describe('the dependency rules', () => {
  it('hold for src/', () => {
    const result = cruise(root);
    expect(result.output).toContain('no dependency violations');
    expect(result.status).toBe(0);
  });

  it('fail on an upward import and on a loop between folders', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'casebook-deps-'));
    try {
      writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['src'] }));
      const write = (file: string, text: string) => {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), text);
      };
      write('src/load/config.ts', "import { check } from '../validate/schema.js';\nexport const config = check;\n");
      write('src/validate/schema.ts', "export const check = 1;\n");
      write('src/validate/index.ts', "import { config } from '../load/config.js';\nexport const validate = config;\n");
      const result = cruise(dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('no-upward-from-load');
      expect(result.output).toContain('no-folder-loop');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
