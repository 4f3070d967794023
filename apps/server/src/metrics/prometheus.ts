/** A small Prometheus text-format registry: counters and gauges with labels. */
type Labels = Record<string, string>;

interface Family {
  help: string;
  type: 'counter' | 'gauge';
  series: Map<string, { labels: Labels; value: number }>;
  collect?: () => Array<{ labels: Labels; value: number }>;
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): (labels: Labels, by?: number) => void {
    const family = this.family(name, help, 'counter');
    return (labels, by = 1) => {
      const key = labelKey(labels);
      const s = family.series.get(key);
      if (s) s.value += by;
      else family.series.set(key, { labels, value: by });
    };
  }

  gauge(name: string, help: string): (labels: Labels, value: number) => void {
    const family = this.family(name, help, 'gauge');
    return (labels, value) => family.series.set(labelKey(labels), { labels, value });
  }

  /** A gauge read when scraped. */
  collected(name: string, help: string, collect: () => Array<{ labels: Labels; value: number }>): void {
    this.family(name, help, 'gauge').collect = collect;
  }

  render(): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      const series = f.collect ? f.collect() : [...f.series.values()];
      for (const s of series) out.push(`${name}${formatLabels(s.labels)} ${s.value}`);
    }
    return out.join('\n') + '\n';
  }

  private family(name: string, help: string, type: Family['type']): Family {
    let f = this.families.get(name);
    if (!f) this.families.set(name, (f = { help, type, series: new Map() }));
    return f;
  }
}

function labelKey(labels: Labels): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join('\u0000');
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  const escape = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
  return `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
}
