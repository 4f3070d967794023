/**
 * One CSV cell, safe to open in a spreadsheet: log content is attacker-controlled, so a cell that a
 * spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with an apostrophe (OWASP advice).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text =
    typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? value.join(' ')
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() || text.startsWith("'") ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(values: unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
