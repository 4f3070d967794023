/** A value as a quoted query-language string, for building query text from observables and parameters. */
export function quoteValue(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
