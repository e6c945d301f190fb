/**
 * Letters that stand in for Latin letters: look-alikes from other scripts (Unicode's confusables, from the
 * `unhomoglyph` package's copy of the Unicode data) and enclosed letters (circled ⓚ, parenthesised ⒦, squared 🄺,
 * negative circled 🅚 and negative squared 🆀). Loaded once; the normaliser caches every character it folds.
 */
import confusables from 'unhomoglyph/data.json';

/**
 * Readings the normaliser takes before anything else, where Unicode's table maps a letter to another non-Latin
 * look-alike (Cyrillic в → small capital ʙ), to a struck-through letter (ł → l̸), to a different Latin letter than the
 * one people mean when they type it (Greek Ι is read as i, not l), or says nothing (small capitals, ß), and where
 * compatibility decomposition would read another letter (lunate sigma ϲ decomposes to ς, but is drawn as c).
 */
export const PREFERRED_READINGS = new Map<string, string>(Object.entries({
  // Cyrillic and Greek
  в: 'b', ё: 'e', з: '3', ї: 'i', к: 'k', м: 'm', н: 'h', т: 't', ӏ: 'l', Ι: 'i', ε: 'e', κ: 'k', τ: 't', χ: 'x',
  ς: 's', ϲ: 'c', Ϲ: 'c', ͺ: 'i',
  // small capitals and other IPA letters
  ᴀ: 'a', ʙ: 'b', ᴅ: 'd', ᴇ: 'e', ғ: 'f', ɢ: 'g', ʜ: 'h', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴘ: 'p', ǫ: 'q',
  ʀ: 'r', ᴛ: 't', ȷ: 'j',
  // Latin letters NFKD does not decompose
  ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ß: 'ss', ħ: 'h', ŧ: 't',
}));

/**
 * Every non-ASCII character whose confusable skeleton is a Latin letter's skeleton (read as that letter: the skeleton
 * of "m" is "rn", so a character drawn like "m" is read "m") or one to three Latin letters (ligatures such as æ),
 * lower-cased, with the preferred readings on top. ASCII characters are left out: "m" → "rn" and "1" → "l" are for
 * spoofed domain names, not for reading a message (leetspeak has its own step).
 */
function buildLookalikes(): Map<string, string> {
  const data = confusables as Record<string, string>;
  const skeleton = (s: string): string => [...s].map((c) => data[c] ?? c).join('');
  const letterOf = new Map<string, string>();
  for (const upper of [false, true]) {
    for (let code = 97; code <= 122; code += 1) {
      const letter = String.fromCharCode(code);
      const key = skeleton(upper ? letter.toUpperCase() : letter);
      if (!letterOf.has(key)) letterOf.set(key, letter);
    }
  }
  const out = new Map<string, string>();
  for (const [ch, target] of Object.entries(data)) {
    if (ch.charCodeAt(0) < 128) continue;
    const reading = letterOf.get(target) ?? (/^[A-Za-z]{1,3}$/.test(target) ? target.toLowerCase() : undefined);
    if (reading !== undefined) out.set(ch, reading);
  }
  for (const [ch, reading] of PREFERRED_READINGS) out.set(ch, reading);
  return out;
}

export const LOOKALIKES: ReadonlyMap<string, string> = buildLookalikes();

const NEGATIVE_CIRCLED_A = 0x1f150;
const NEGATIVE_SQUARED_A = 0x1f170;
const ENCLOSURE = /[()\p{M}]/gu;

/**
 * The Latin letter an enclosed letter stands for, or undefined. Circled, parenthesised and squared letters decompose
 * (NFKD) to the letter, perhaps in parentheses; the negative circled and squared ones (🅚, 🆀, the 🅰 emoji) do not,
 * and are read from their place in their block.
 */
export function enclosedLetter(ch: string): string | undefined {
  const cp = ch.codePointAt(0) as number;
  if (cp >= NEGATIVE_CIRCLED_A && cp < NEGATIVE_CIRCLED_A + 26) return String.fromCharCode(97 + cp - NEGATIVE_CIRCLED_A);
  if (cp >= NEGATIVE_SQUARED_A && cp < NEGATIVE_SQUARED_A + 26) return String.fromCharCode(97 + cp - NEGATIVE_SQUARED_A);
  const letter = ch.normalize('NFKD').replace(ENCLOSURE, '').toLowerCase();
  return /^[a-z]$/.test(letter) ? letter : undefined;
}
