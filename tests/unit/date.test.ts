import { describe, expect, it } from 'vitest';
import { isoDateOf, wordedDate } from '../../src/util/date.js';

describe('isoDateOf', () => {
  it('reads Dutch and English written dates', () => {
    expect(isoDateOf('3 oktober 2024')).toBe('2024-10-03');
    expect(isoDateOf('21 April 2026')).toBe('2026-04-21');
    expect(isoDateOf('3 okt. 2024')).toBe('2024-10-03');
    expect(isoDateOf('14 Mar 2025')).toBe('2025-03-14');
    expect(isoDateOf('ergens in 2024')).toBeUndefined();
    expect(isoDateOf('3 ok 2024')).toBeUndefined();
  });

  it('reads numbers day-month-year, as written in the Netherlands, with -, / or .', () => {
    expect(isoDateOf('03-10-2024')).toBe('2024-10-03');
    expect(isoDateOf('3/10/2024')).toBe('2024-10-03');
    expect(isoDateOf(' 3.1.2025 ')).toBe('2025-01-03');
  });

  it('pads and normalises a year-first date', () => {
    expect(isoDateOf('2024-10-03')).toBe('2024-10-03');
    expect(isoDateOf('2024-10-3')).toBe('2024-10-03');
    expect(isoDateOf('2024/10/03')).toBe('2024-10-03');
  });

  it('refuses days that are not in the calendar', () => {
    expect(isoDateOf('2025-02-29')).toBeUndefined();
    expect(isoDateOf('29-02-2024')).toBe('2024-02-29');
    expect(isoDateOf('31-04-2024')).toBeUndefined();
    expect(isoDateOf('10-13-2024')).toBeUndefined();
    expect(isoDateOf('0-10-2024')).toBeUndefined();
  });
});

describe('wordedDate', () => {
  it('spells the month so that day and month cannot be mixed up', () => {
    expect(wordedDate('2024-10-03', 'nl')).toBe('3 oktober 2024');
    expect(wordedDate('2024-10-03', 'en')).toBe('3 October 2024');
  });
});
