import { DATE, parseDate } from './dates.parser';

describe('parseDate', () => {
  it.each([
    ['July 1, 2024', '2024-07-01'],
    ['June 30th, 2025', '2025-06-30'],
    ['1 July 2024', '2024-07-01'],
    ['31st December, 2025', '2025-12-31'],
    ['2025-03-31', '2025-03-31'],
  ])('reads %s as %s', (written, iso) => {
    expect(new RegExp(`^${DATE}$`).test(written)).toBe(true);
    expect(parseDate(written)).toBe(iso);
  });

  it.each(['February 30, 2025', 'June 31, 2025', '2025-13-01', 'July 2024'])('gives no date for %s rather than a nearby one', (written) => {
    expect(parseDate(written)).toBeNull();
  });
});
