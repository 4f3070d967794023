/** Capacity trends (MON-4): a least-squares line through daily values, and when it reaches a limit. */
export interface Trend {
  /** Change per day. */
  slopePerDay: number;
  /** The fitted value on the last day. */
  current: number;
  /** Days from the last point until the line reaches `limit`; null when it never does (flat or falling) or no limit. */
  daysToLimit: number | null;
}

export function linearFit(points: ReadonlyArray<{ x: number; y: number }>): { slope: number; intercept: number } | null {
  const n = points.length;
  if (n < 2) return null;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/** Points are (day number, value); `limit` e.g. 100 for a percentage. */
export function trend(points: ReadonlyArray<{ x: number; y: number }>, limit?: number): Trend | null {
  const fit = linearFit(points);
  if (!fit) return null;
  const lastX = Math.max(...points.map((p) => p.x));
  const current = fit.intercept + fit.slope * lastX;
  let daysToLimit: number | null = null;
  if (limit !== undefined && fit.slope > 0) daysToLimit = Math.max(0, (limit - current) / fit.slope);
  return { slopePerDay: fit.slope, current, daysToLimit };
}
