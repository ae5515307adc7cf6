/**
 * The name two registrations are compared by: case, spacing and punctuation ignored, letters and
 * digits of any script kept ("Acme Payroll, Inc." = "ACME payroll inc"). Compatibility forms are
 * folded first (NFKC: "ﬁ" = "fi", full-width letters = ASCII).
 */
export function normalizedName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}
