/**
 * A function of one string with its answers remembered. Texts repeat the same words, so
 * asking again is common; the memory holds at most `max` answers and then starts over
 * (simpler and cheaper than tracking which answer is oldest, and memory stays bounded
 * however many different words a casebook has).
 */
export function boundedMemo<T>(compute: (key: string) => T, max: number): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = compute(key);
      if (answers.size >= max) answers.clear();
      answers.set(key, answer);
    }
    return answer;
  };
}
