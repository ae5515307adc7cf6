import { ProgressThrottle, renderProgress } from './migration-progress';

describe('migration progress', () => {
  it('renders a bar with done/total, percent, rate and the split of copied and already there', () => {
    const line = renderProgress({ done: 250, total: 1000, copied: 200, alreadyPresent: 50, streams: 7 }, 500, 10);
    expect(line).toBe('[###-------] 250/1000 events  25%  500 ev/s  (200 copied, 50 already there, 7 streams)');
    expect(renderProgress({ done: 0, total: 0, copied: 0, alreadyPresent: 0, streams: 0 }, 0, 4)).toBe(
      '[####] 0/0 events 100%  0 ev/s  (0 copied, 0 already there, 0 streams)',
    );
  });

  it('draws at most every interval, and always the final line', () => {
    let now = 0;
    const throttle = new ProgressThrottle(1000, () => now);
    const draws = [0, 10, 999, 1000, 1500, 2100].map((at) => ((now = at), throttle.shouldDraw()));
    expect(draws).toEqual([true, false, false, true, false, true]);
    expect(throttle.shouldDraw(true)).toBe(true);
  });
});
