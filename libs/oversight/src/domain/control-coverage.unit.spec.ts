import { history } from './assess.fixtures';
import { controlCoverage, coverageAgainst } from './control-coverage';

/** Control coverage analysis (DESIGN §5): expected controls against those R tested. */

const expected = [
  { ref: 'CC6.10', risk: 'CRITICAL' as const },
  { ref: 'CC6.2', risk: 'CRITICAL' as const },
  { ref: 'CC7.1', risk: 'LOW' as const },
  { ref: 'CC8.1', risk: 'HIGH' as const },
  { ref: 'A1.2', risk: 'MEDIUM' as const },
];

describe('controlCoverage', () => {
  const withReport = (controlsTested: string[]) =>
    history()
      .registered()
      .on('2024-06-01')
      .expectedControls(expected)
      .on('2024-11-01')
      .report('r1', { controlsTested })
      .accepted('r1')
      .state();

  it('ranks the missing controls by risk, then by ref (numbers as numbers)', () => {
    const c = controlCoverage(withReport([' cc8.1', 'A1.2', 'PI1.1']));
    expect(c).toMatchObject({ reportId: 'r1', expectedCount: 5, testedCount: 2, coverageRatio: 0.4 });
    expect(c.missing.map((m) => [m.rank, m.risk, m.ref])).toEqual([
      [1, 'CRITICAL', 'CC6.2'],
      [2, 'CRITICAL', 'CC6.10'],
      [3, 'LOW', 'CC7.1'],
    ]);
    expect(c.covered.map((m) => m.ref)).toEqual(['CC8.1', 'A1.2']);
    expect(c.unexpected).toEqual(['PI1.1']);
    expect(c.missing[0]).toEqual({ ref: 'CC6.2', risk: 'CRITICAL', description: 'control CC6.2', domain: 'security', rank: 1 });
  });

  it('is complete when everything expected was tested', () => {
    const c = controlCoverage(withReport(['CC6.10', 'CC6.2', 'CC7.1', 'CC8.1', 'A1.2']));
    expect(c).toMatchObject({ testedCount: 5, coverageRatio: 1, missing: [], unexpected: [] });
  });

  it('has ratio 1 when nothing is expected', () => {
    const state = history().registered().on('2024-11-01').report('r1', { controlsTested: ['X'] }).accepted('r1').state();
    expect(controlCoverage(state)).toEqual({
      reportId: 'r1',
      expectedCount: 0,
      testedCount: 0,
      coverageRatio: 1,
      missing: [],
      covered: [],
      unexpected: ['X'],
    });
  });

  it('without a current report, everything expected is missing', () => {
    const state = history().registered().expectedControls(expected).on('2024-11-01').report('r1').state();
    const c = controlCoverage(state);
    expect(c).toMatchObject({ reportId: null, expectedCount: 5, testedCount: 0, coverageRatio: 0, covered: [] });
    expect(c.missing.map((m) => m.ref)).toEqual(['CC6.2', 'CC6.10', 'CC8.1', 'A1.2', 'CC7.1']);
  });

  it('with a day, chooses R as assess does on that day', () => {
    const state = history()
      .registered()
      .expectedControls([{ ref: 'C1', risk: 'HIGH' }])
      .on('2024-11-01')
      .report('r1', { period: ['2023-10-01', '2024-09-30'], controlsTested: ['C1'] })
      .accepted('r1')
      .report('r2', { period: ['2024-06-01', '2024-12-31'] })
      .accepted('r2')
      .state();
    expect(controlCoverage(state, '2024-12-30').reportId).toBe('r1');
    expect(controlCoverage(state, '2024-12-31T08:00:00Z')).toMatchObject({ reportId: 'r2', coverageRatio: 0 });
    expect(controlCoverage(state).reportId).toBe('r2');
  });

  it('counts a control expected twice once', () => {
    const c = coverageAgainst(
      [
        { ref: 'C1', risk: 'LOW', description: 'a', domain: 'd' },
        { ref: 'c1 ', risk: 'HIGH', description: 'b', domain: 'd' },
      ],
      null,
    );
    expect(c.expectedCount).toBe(1);
    expect(c.missing).toEqual([{ ref: 'C1', risk: 'LOW', description: 'a', domain: 'd', rank: 1 }]);
  });
});
