import type { CorpusEntry } from './report-corpus';

/** Documents that are not a service auditor's report: each must be refused with its code, never guessed at. */
export function otherDocuments(): CorpusEntry[] {
  return [
    {
      name: 'bridge-letter',
      blocks: [
        { t: 'h', text: 'Bridge Letter' },
        { t: 'p', text: 'To our user entities: Acme Cloud, Inc. has issued a SOC 2 Type 2 report for the period July 1, 2024 to June 30, 2025. This bridge letter covers the period July 1, 2025 to September 30, 2025.' },
        { t: 'p', text: 'We are not aware of any material changes to our system of internal control during this period.' },
        { t: 'lines', lines: ['Jane Doe', 'Chief Information Security Officer', 'October 5, 2025'] },
      ],
      expected: { error: 'NOT_A_SERVICE_AUDITOR_REPORT' },
    },
    {
      name: 'security-questionnaire-mentioning-soc2',
      blocks: [
        { t: 'h', text: 'Vendor Security Questionnaire: Acme Cloud, Inc.' },
        { t: 'p', text: 'Q1. Do you have a current SOC 2 Type 2 report? Yes: for the period July 1, 2024 to June 30, 2025, issued by Moss Adams LLP with an unmodified opinion.' },
        { t: 'p', text: 'Q2. Do you use subservice organizations? Yes: Northwind Data Centers (colocation).' },
      ],
      expected: { error: 'NOT_A_SERVICE_AUDITOR_REPORT' },
    },
    { name: 'scanned-image-only', blocks: [{ t: 'scan' }, { t: 'page' }, { t: 'scan' }], expected: { error: 'NO_TEXT_LAYER' } },
    {
      name: 'penetration-test-summary',
      blocks: [
        { t: 'h', text: 'External Penetration Test: Executive Summary' },
        { t: 'p', text: 'We tested the external network of Acme Cloud, Inc. between May 5, 2025 and May 9, 2025. In our opinion, the perimeter is adequately hardened; two medium findings were noted.' },
        { t: 'table', header: ['Finding', 'Severity', 'Status'], widths: [250, 100, 100], rows: [['TLS 1.0 enabled on a legacy host', 'Medium', 'Open'], ['Verbose server banner', 'Low', 'Closed']] },
      ],
      expected: { error: 'NOT_A_SERVICE_AUDITOR_REPORT' },
    },
  ];
}
