/** What a corpus report says, as data: the builder writes it, the expectation reads it back. */
export interface CorpusControl {
  ref: string;
  criteria?: string;
  activity: string;
  /** The results cell as written ("No exceptions noted.", "Exception noted. For 2 of 25 …"). */
  result?: string;
  /** Set when the result notes an exception: what a reader should propose. */
  exception?: { description: string; deviations?: number; sampleSize?: number; managementResponse?: string };
}

export interface ReportParams {
  org: string;
  system: string;
  frameworks: string[];
  titleFramework: string;
  type: 'TYPE_1' | 'TYPE_2' | null;
  typeWord?: string;
  start?: string;
  end?: string;
  asOf?: string;
  wording: 'for-the-period' | 'throughout' | 'during' | 'as-of';
  dates: 'us' | 'eu' | 'us-ordinal';
  /** A table of contents after the title page (its lines name every section heading). */
  toc?: 'dots' | 'columns';
  /** Long header labels wrap onto a second line. */
  headerLabels?: 'short' | 'long';
  /** Absent when the report is unsigned (a draft): nothing to read then. */
  auditor?: string;
  signature: string[];
  opinionDate?: string;
  opinion: 'UNMODIFIED' | 'QUALIFIED' | 'ADVERSE' | 'DISCLAIMER';
  qualifiedAreas?: string[];
  basis?: string;
  assertion: boolean;
  criteria?: string[];
  objectives?: string[];
  services?: { items: string[]; style: 'list' | 'sentence' };
  sites?: { items: string[]; style: 'list' | 'sentence' };
  controls: CorpusControl[];
  controlLayout: 'criteria-column' | 'grouped' | 'plain' | 'none';
  cuecs?: { items: Array<[string, string]>; style: 'table' | 'prose' };
  subservices?: { items: Array<{ name: string; method: 'CARVE_OUT' | 'INCLUSIVE'; service: string }>; style: 'prose' | 'prose-alt' | 'table' };
  csocs?: Array<[string, string, string]>;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function writtenDate(iso: string, style: 'us' | 'eu' | 'us-ordinal'): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const nth = d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
  if (style === 'us-ordinal') return `${MONTHS[m - 1]} ${d}${nth}, ${y}`;
  return style === 'us' ? `${MONTHS[m - 1]} ${d}, ${y}` : `${d} ${MONTHS[m - 1]} ${y}`;
}

const CATEGORY_WORDS: Record<string, string> = {
  SECURITY: 'security',
  AVAILABILITY: 'availability',
  PROCESSING_INTEGRITY: 'processing integrity',
  CONFIDENTIALITY: 'confidentiality',
  PRIVACY: 'privacy',
};

export function categoryList(criteria: readonly string[]): string {
  const words = criteria.map((c) => CATEGORY_WORDS[c]!);
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** n controls with refs and activities, for long (multi-page) tables. */
export function manyControls(n: number, prefix: string, criteria?: (i: number) => string): CorpusControl[] {
  return Array.from({ length: n }, (_, i) => ({
    ref: `${prefix}${i + 1}`,
    criteria: criteria?.(i),
    activity: `Control activity ${i + 1}: changes to production systems are authorized, tested and approved before implementation, and reviewed monthly by the change advisory board.`,
    result: 'No exceptions noted.',
  }));
}
