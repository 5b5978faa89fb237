/** Check digits of Dutch identifiers. */

/**
 * The 11-proef of a burgerservicenummer: with the digits d1..d9 (an 8-digit number is
 * padded with a leading zero), 9·d1 + 8·d2 + … + 2·d8 − d9 must be a multiple of 11.
 * All zeros passes the sum but is no number anyone has.
 */
export function passesElfproef(digits: string): boolean {
  const padded = digits.length === 8 ? '0' + digits : digits;
  if (!/^\d{9}$/.test(padded) || /^0+$/.test(padded)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (padded.charCodeAt(i) - 48);
  sum -= padded.charCodeAt(8) - 48;
  return sum % 11 === 0;
}
