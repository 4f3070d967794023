import { describe, expect, it } from 'vitest';
import { linearFit, trend } from './trend.ts';

describe('capacity trend', () => {
  it('fits a straight line exactly', () => {
    const fit = linearFit([0, 1, 2, 3].map((x) => ({ x, y: 10 + 2 * x })));
    expect(fit!.slope).toBeCloseTo(2, 10);
    expect(fit!.intercept).toBeCloseTo(10, 10);
  });

  it('says how many days until a percentage reaches 100', () => {
    const t = trend([0, 1, 2, 3, 4].map((x) => ({ x, y: 50 + 5 * x })), 100);
    expect(t!.current).toBeCloseTo(70, 10);
    expect(t!.daysToLimit).toBeCloseTo(6, 10);
  });

  it('a falling or flat series never fills up; one point is no trend', () => {
    expect(trend([{ x: 0, y: 80 }, { x: 1, y: 70 }], 100)!.daysToLimit).toBeNull();
    expect(trend([{ x: 0, y: 80 }, { x: 1, y: 80 }], 100)!.daysToLimit).toBeNull();
    expect(trend([{ x: 0, y: 80 }], 100)).toBeNull();
  });
});
