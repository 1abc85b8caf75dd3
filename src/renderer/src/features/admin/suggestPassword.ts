/** A temporary password that is easy to read aloud: three words and two digits. */
const WORDS = [
  'Ahorn', 'Birke', 'Eiche', 'Linde', 'Buche', 'Tanne', 'Wiese', 'Bach', 'Hafen', 'Wolke', 'Regen', 'Sonne',
  'Apfel', 'Kirsche', 'Pflaume', 'Mohn', 'Tulpe', 'Rose', 'Fuchs', 'Dachs', 'Igel', 'Otter', 'Falke', 'Meise',
];

export function suggestPassword(): string {
  const random = new Uint32Array(4);
  crypto.getRandomValues(random);
  const pick = (n: number) => WORDS[n % WORDS.length];
  return `${pick(random[0]!)}-${pick(random[1]!)}-${pick(random[2]!)}-${10 + (random[3]! % 90)}`;
}
