import { windowCounts } from '../../bench/events/timeline';

describe('bench:events rates from recorded timestamps', () => {
  it('counts the window, its busiest second and everything up to its end', () => {
    const start = 1_000_000;
    const times = [
      start - 5, // before the window: in byEnd only
      start, // first second
      start + 10,
      start + 999,
      start + 1_000, // second second
      start + 2_500, // third second
      start + 3_000, // the end itself: inside, no whole second of its own
      start + 3_001, // after the window
    ];
    expect(windowCounts(times, start, start + 3_000)).toEqual({
      rate: 6 / 3,
      peakPerSecond: 3,
      byEnd: 7,
    });
  });

  it('an empty or instant window gives zeros, not NaN', () => {
    expect(windowCounts([], 0, 0)).toEqual({ rate: 0, peakPerSecond: 0, byEnd: 0 });
    expect(windowCounts([5], 5, 5)).toEqual({ rate: 0, peakPerSecond: 0, byEnd: 1 });
  });
});
