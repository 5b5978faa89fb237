// The package ships JavaScript only; this is the part of its API casebook uses.
declare module 'snowball-stemmers' {
  interface Stemmer {
    stem(word: string): string;
  }
  const factory: { newStemmer(algorithm: string): Stemmer; algorithms(): string[] };
  export default factory;
}
