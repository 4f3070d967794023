/** One CSV record → fields. Quoted fields may hold commas and doubled quotes (`""`). Linear, no regex. */
export function splitCsv(s: string, start = 0, max = 512): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = start;
  while (i <= n && out.length < max) {
    if (s.charCodeAt(i) === 34) {
      let j = i + 1;
      let value = '';
      let from = j;
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === 34) {
          if (s.charCodeAt(j + 1) === 34) {
            value += s.slice(from, j + 1);
            j += 2;
            from = j;
            continue;
          }
          break;
        }
        j++;
      }
      value += s.slice(from, Math.min(j, n));
      out.push(value);
      const comma = s.indexOf(',', j);
      if (comma < 0) break;
      i = comma + 1;
    } else {
      const comma = s.indexOf(',', i);
      if (comma < 0) {
        out.push(s.slice(i));
        break;
      }
      out.push(s.slice(i, comma));
      i = comma + 1;
    }
  }
  return out;
}
