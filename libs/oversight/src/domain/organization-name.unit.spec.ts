import { normalizedName } from './organization-name';

describe('normalizedName', () => {
  it('ignores case, spacing and punctuation', () => {
    const same = ['Acme Payroll, Inc.', 'ACME payroll inc', '  acme-payroll   INC ', 'Acme\tPayroll (Inc)'];
    expect(new Set(same.map(normalizedName))).toEqual(new Set(['acmepayrollinc']));
  });

  it('keeps letters and digits of any script, and folds compatibility forms', () => {
    expect(normalizedName('Zürich DC 2')).toBe('zürichdc2');
    expect(normalizedName('Ｚürich　DC２')).toBe('zürichdc2');
    expect(normalizedName('DC 1')).not.toBe(normalizedName('DC 2'));
  });
});
