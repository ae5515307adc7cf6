import { label, plural } from './labels';

/** Codes in words: known ones as people write them, unknown ones still readable. */
describe('label', () => {
  it('gives known codes their usual words', () => {
    expect(['SAAS', 'TYPE_2', 'CUEC_NOT_MAPPED', 'DATA_CENTER_COLOCATION', 'PENDING_REVIEW'].map(label)).toEqual([
      'SaaS', 'Type 2', 'CUEC not mapped', 'Data center colocation', 'Pending review',
    ]);
  });

  it('reads a code it does not know as words, keeping abbreviations in capitals', () => {
    expect(['LATE_ISSUED', 'AUDITOR_NOT_VETTED', 'FISCAL_YEAR_END_AT_RISK', 'SOC3_CUEC_MISSING', 'X'].map(label)).toEqual([
      'Late issued', 'Auditor not vetted', 'Fiscal year end at risk', 'SOC3 CUEC missing', 'X',
    ]);
    expect([label(null), label('')]).toEqual(['', '']);
  });
});

describe('plural', () => {
  it('says "1 day" and "0 days", "2 stretches"', () => {
    expect([plural(1, 'day'), plural(0, 'day'), plural(2, 'stretch', 'stretches')]).toEqual(['1 day', '0 days', '2 stretches']);
  });
});
