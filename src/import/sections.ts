/**
 * The headings Dutch casebooks use for the parts of a case, and the headings of the book
 * itself, from data/import/sections.yaml: people add their own variants there.
 */
import { readDataFile } from '../data.js';

export type CaseField =
  | 'situation' | 'request' | 'effect' | 'purpose' | 'dilemma' | 'options' | 'consequences'
  | 'legal' | 'decision' | 'outcome' | 'lessons' | 'questions' | 'values' | 'related';

interface SectionData {
  sections: Record<CaseField, string[]>;
  bookParts: string[];
  domainWords: Record<string, string[]>;
}

let data: { byHeading: Map<string, CaseField>; bookParts: Set<string>; domainWords: Record<string, string[]> } | undefined;

function load() {
  if (data) return data;
  const raw = readDataFile('import/sections.yaml') as SectionData;
  const byHeading = new Map<string, CaseField>();
  for (const [field, headings] of Object.entries(raw.sections)) for (const heading of headings) byHeading.set(normalizeHeading(heading), field as CaseField);
  data = { byHeading, bookParts: new Set(raw.bookParts.map(normalizeHeading)), domainWords: raw.domainWords };
  return data;
}

/**
 * A heading as it is compared: lower case, without accents, numbering ("3.", "Stap 2 –",
 * "(stap 2)"), a trailing colon or question mark, and extra spaces.
 */
export function normalizeHeading(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(stap|step)\s*\d+\s*[-–—:.·)]?\s*/, '')
    .replace(/\s*\((stap|step)\s*\d+\)$/, '')
    .replace(/^(\d+(\.\d+)*|[a-z]|[ivx]+)[.)]\s+/, '')
    .replace(/\s*[:?.]+$/, '')
    .trim();
}

/** The case field a section heading stands for, if it is one people use. */
export function fieldOf(heading: string): CaseField | undefined {
  return load().byHeading.get(normalizeHeading(heading));
}

/** A heading of the book itself (contents, colophon, ...), not of a case. */
export function isBookPart(heading: string): boolean {
  return load().bookParts.has(normalizeHeading(heading));
}

/** Words that identify each domain in law names and text. */
export function domainWords(): Record<string, string[]> {
  return load().domainWords;
}
