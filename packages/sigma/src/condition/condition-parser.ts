import { SigmaRuleError } from '../errors.ts';

/** Parsed `condition:` expression. Precedence (loosest first): or, and, not, `x of`, parentheses. */
export type ConditionNode =
  | { kind: 'ref'; name: string }
  | { kind: 'not'; operand: ConditionNode }
  | { kind: 'and'; operands: ConditionNode[] }
  | { kind: 'or'; operands: ConditionNode[] }
  /** `1 of selection_*`, `all of them`; `count` is 'all' or the minimum number of identifiers that must hold. */
  | { kind: 'of'; count: number | 'all'; pattern: string };

function tokenize(text: string): string[] {
  if (text.includes('|')) {
    throw new SigmaRuleError(
      'aggregation conditions ("| count() …", "| near …") are the obsolete Sigma 1 syntax; write a correlation rule instead',
    );
  }
  const tokens: string[] = [];
  const re = /\s*(\(|\)|[^\s()]+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) tokens.push(m[1]);
  }
  if (text.slice(re.lastIndex).trim() !== '' && tokens.length === 0) {
    throw new SigmaRuleError(`condition "${text}" cannot be read`);
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: string[],
    private readonly text: string,
  ) {}

  parse(): ConditionNode {
    if (this.tokens.length === 0) throw new SigmaRuleError('condition is empty');
    const node = this.parseOr();
    if (this.pos < this.tokens.length) {
      throw new SigmaRuleError(`condition "${this.text}": unexpected "${this.tokens[this.pos]}"`);
    }
    return node;
  }

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }

  private peekKeyword(): string | undefined {
    return this.tokens[this.pos]?.toLowerCase();
  }

  private parseOr(): ConditionNode {
    const operands = [this.parseAnd()];
    while (this.peekKeyword() === 'or') {
      this.pos++;
      operands.push(this.parseAnd());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'or', operands };
  }

  private parseAnd(): ConditionNode {
    const operands = [this.parseNot()];
    while (this.peekKeyword() === 'and') {
      this.pos++;
      operands.push(this.parseNot());
    }
    return operands.length === 1 ? operands[0]! : { kind: 'and', operands };
  }

  private parseNot(): ConditionNode {
    if (this.peekKeyword() === 'not') {
      this.pos++;
      return { kind: 'not', operand: this.parseNot() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ConditionNode {
    const token = this.peek();
    if (token === undefined) throw new SigmaRuleError(`condition "${this.text}" ends too early`);
    if (token === '(') {
      this.pos++;
      const inner = this.parseOr();
      if (this.peek() !== ')') throw new SigmaRuleError(`condition "${this.text}": missing ")"`);
      this.pos++;
      return inner;
    }
    if (token === ')') throw new SigmaRuleError(`condition "${this.text}": unexpected ")"`);
    const lower = token.toLowerCase();
    if (['and', 'or', 'of', 'them'].includes(lower)) {
      throw new SigmaRuleError(`condition "${this.text}": unexpected "${token}"`);
    }
    const next = this.tokens[this.pos + 1]?.toLowerCase();
    if (next === 'of' && (lower === 'all' || lower === 'any' || /^\d+$/.test(lower))) {
      const pattern = this.tokens[this.pos + 2];
      if (pattern === undefined || pattern === '(' || pattern === ')') {
        throw new SigmaRuleError(`condition "${this.text}": "${token} of" needs an identifier pattern or "them"`);
      }
      this.pos += 3;
      const count = lower === 'all' ? 'all' : lower === 'any' ? 1 : Number(lower);
      if (count === 0) throw new SigmaRuleError(`condition "${this.text}": "0 of" is meaningless`);
      return { kind: 'of', count, pattern };
    }
    this.pos++;
    return { kind: 'ref', name: token };
  }
}

export function parseCondition(text: string): ConditionNode {
  return new Parser(tokenize(text), text).parse();
}

/** Identifiers an `x of pattern` covers: `them` = all not starting with `_`; `*` is the only wildcard. */
export function identifiersForPattern(pattern: string, identifiers: string[]): string[] {
  if (pattern.toLowerCase() === 'them') return identifiers.filter((id) => !id.startsWith('_'));
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return identifiers.filter((id) => re.test(id));
}
