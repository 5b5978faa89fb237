/**
 * JUnit XML, which GitLab, Azure DevOps and Jenkins show as test results: one suite per
 * file, one test per message (errors fail), and one passing test for a clean file.
 */
import type { Reporter } from './types.js';
import { escapeText } from './escape.js';
import { groupByFile, relativePath, xmlEscape } from './util.js';

/** XML for user text: escaped as in every text report, so a CI page shows it inert. */
const xmlText = (text: string) => xmlEscape(escapeText(text));

export const junit: Reporter = (result, context) => {
  const visible = result.messages.filter((m) => !m.suppressed);
  const groups = groupByFile(visible);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [file, messages] of groups) {
    const name = xmlText(relativePath(context.cwd, file));
    const cases = messages.map((m) => {
      const testName = xmlText(`${m.rule} ${m.line}:${m.column}`);
      const body = xmlText(`${relativePath(context.cwd, m.file)}:${m.line}:${m.column} ${m.message}`);
      if (m.severity === 'error') {
        return `    <testcase classname="${name}" name="${testName}">\n      <failure type="${xmlText(m.rule)}" message="${xmlText(m.message)}">${body}</failure>\n    </testcase>`;
      }
      return `    <testcase classname="${name}" name="${testName}">\n      <system-out>${xmlEscape(m.severity)}: ${body}</system-out>\n    </testcase>`;
    });
    const fileFailures = messages.filter((m) => m.severity === 'error').length;
    tests += messages.length;
    failures += fileFailures;
    suites.push(`  <testsuite name="${name}" tests="${messages.length}" failures="${fileFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  // A clean file is a passing test, so that CI shows "N passed" next to the failures.
  for (const file of context.files ?? []) {
    if (groups.has(file)) continue;
    const name = xmlEscape(relativePath(context.cwd, file));
    tests += 1;
    suites.push(`  <testsuite name="${name}" tests="1" failures="0" errors="0">\n    <testcase classname="${name}" name="casebook validate"/>\n  </testsuite>`);
  }
  if (suites.length === 0) {
    tests = 1;
    suites.push(`  <testsuite name="casebook" tests="1" failures="0" errors="0">\n    <testcase classname="casebook" name="validate"/>\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="casebook" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
};
