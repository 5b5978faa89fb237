/** The values a case lists now: plain ids and `{ id, why }` items alike. */
export function caseValues(data: Readonly<Record<string, unknown>> | undefined): string[] {
  const list = data?.values;
  if (!Array.isArray(list)) return [];
  const ids: string[] = [];
  for (const item of list) {
    const id = typeof item === 'string' ? item : item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
    if (typeof id === 'string') ids.push(id);
  }
  return ids;
}
