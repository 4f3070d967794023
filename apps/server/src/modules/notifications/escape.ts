/**
 * Escaping for every markup a notification reaches. Alert data is attacker-controlled (a URI, a user agent,
 * a rule title from a shared rule set), so every value goes through one of these before it is placed.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** A mail header value: no CR/LF (header injection) and no other control characters; kept to a sane length. */
export function headerSafe(text: string, max = 200): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Slack mrkdwn: `&<>` are the only entities Slack decodes; `<…>` would otherwise form links and @-mentions
 * (`<!channel>`), and `*_~\`` toggle formatting — those are neutralised with a zero-width joiner after them.
 */
export function escapeSlack(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_~`])/g, '$1\u200d');
}

/** Teams markdown (MessageCard / Adaptive Card TextBlock): backslash-escape markdown, HTML-escape the rest. */
export function escapeTeams(text: string): string {
  return escapeHtml(text).replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1');
}
