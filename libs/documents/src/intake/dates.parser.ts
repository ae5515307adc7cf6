const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';

/** A date as reports write it: "July 1, 2024", "1 July 2024", "1st July, 2024", "2024-07-01". */
export const DATE = `(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})`;

/** ISO `YYYY-MM-DD`, or null when the words are not a real calendar date. */
export function parseDate(text: string): string | null {
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else {
    const words = text.replace(/,/g, ' ').replace(/(\d)(st|nd|rd|th)\b/g, '$1').trim().split(/\s+/);
    const mi = words.findIndex((w) => MONTHS.includes(w.toLowerCase()));
    const nums = words.filter((w) => /^\d+$/.test(w)).map(Number);
    if (mi < 0 || nums.length !== 2) return null;
    m = mi >= 0 ? MONTHS.indexOf(words[mi]!.toLowerCase()) + 1 : 0;
    [d, y] = nums[0]! > 31 ? [nums[1]!, nums[0]!] : [nums[0]!, nums[1]!];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
