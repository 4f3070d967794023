import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

/** The one configuration schema. Every default runs Mamori with no file at all. */
export const configSchema = z.object({
  dataDir: z.string().default('./data'),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  http: z
    .object({
      host: z.string().default('127.0.0.1'),
      port: port.default(8080),
      /** Largest HTTP ingest body; larger requests get 413 and must be split by the sender. */
      bodyLimitBytes: z.coerce.number().int().positive().default(64 * 1024 * 1024),
    })
    .prefault({}),
  syslog: z
    .object({
      host: z.string().default('0.0.0.0'),
      udpPort: port.default(5514),
      tcpPort: port.default(5514),
      tlsPort: port.default(6514),
      /** PEM files; when absent a self-signed pair is created in the data dir on first start. */
      tlsCertFile: z.string().optional(),
      tlsKeyFile: z.string().optional(),
      /** A longer line is stored in consecutive pieces of this size rather than dropped. */
      maxMessageBytes: z.coerce.number().int().min(1024).default(1024 * 1024),
      udpReceiveBufferBytes: z.coerce.number().int().positive().default(8 * 1024 * 1024),
    })
    .prefault({}),
  pipeline: z
    .object({
      batchSize: z.coerce.number().int().min(1).default(5000),
      flushIntervalMs: z.coerce.number().int().min(1).default(200),
      /** Messages waiting to be stored before TCP readers pause and UDP starts dropping (counted). */
      maxPending: z.coerce.number().int().min(1000).default(500_000),
    })
    .prefault({}),
  eventStore: z
    .object({
      /** DuckDB's buffer pool; beyond it DuckDB evicts or spills, so memory stays bounded however much is stored. */
      memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size such as 1GB').default('1GB'),
      threads: z.coerce.number().int().min(1).max(64).default(2),
    })
    .prefault({}),
  retention: z
    .object({
      checkIntervalMinutes: z.coerce.number().positive().default(60),
      /** Applies to tenants without their own setting; 0 keeps forever. */
      defaultDays: z.coerce.number().min(0).default(400),
      unassignedDays: z.coerce.number().min(0).default(30),
    })
    .prefault({}),
  logSilence: z.object({ checkIntervalSeconds: z.coerce.number().positive().default(60) }).prefault({}),
  /** Customer notifications (NTF-2): the SMTP relay and the delivery job. */
  notifications: z
    .object({
      smtp: z
        .object({
          /** Unset: email contacts fail (and raise a notification_failure alert) until a relay is configured. */
          host: z.string().optional(),
          port: port.default(587),
          /** true: implicit TLS (port 465); false: STARTTLS. */
          secure: z.boolean().default(false),
          /** Refuse to send over a connection the relay did not upgrade with STARTTLS. */
          requireTLS: z.boolean().default(true),
          user: z.string().optional(),
          pass: z.string().optional(),
          from: z.string().default('Mamori <mamori@localhost>'),
          /** PEM file of a private CA that signed the relay's certificate. */
          caFile: z.string().optional(),
          timeoutMs: z.coerce.number().int().positive().default(15_000),
        })
        .prefault({}),
      jobIntervalMs: z.coerce.number().int().positive().default(15_000),
      maxAttempts: z.coerce.number().int().min(1).max(20).default(6),
      /** Wait before the second attempt; it doubles with each further attempt. */
      retryBaseMs: z.coerce.number().int().positive().default(60_000),
      httpTimeoutMs: z.coerce.number().int().positive().default(10_000),
      /** Public URL of the web console; messages link to the notification there. */
      portalUrl: z.url().optional(),
    })
    .prefault({}),
  /** Unset: SQLite in the data dir. A postgres:// URL puts tenants, users, alerts … in PostgreSQL (several nodes). */
  controlStore: z.object({ url: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').optional() }).prefault({}),
  identity: z
    .object({
      session: z
        .object({
          /** A session unused this long ends (ASVS 3.3.2: 30 minutes is the level-2 ceiling for idle). */
          idleMinutes: z.coerce.number().positive().default(30),
          /** A session ends this long after sign-in, however active. */
          absoluteHours: z.coerce.number().positive().default(12),
        })
        .prefault({}),
      lockout: z
        .object({
          /** Consecutive failed sign-ins that lock an account… */
          maxFailures: z.coerce.number().int().min(1).default(5),
          /** …for this long. */
          lockMinutes: z.coerce.number().positive().default(15),
          /** Failed sign-ins from one source address per 15 minutes before it must wait. */
          maxFailuresPerIp: z.coerce.number().int().min(1).default(50),
        })
        .prefault({}),
      oidc: z
        .object({
          issuer: z.url(),
          clientId: z.string().min(1),
          clientSecret: z.string().min(1).optional(),
          /** Where the provider sends the browser back: <public URL>/api/v1/auth/oidc/callback. */
          redirectUri: z.url(),
          scopes: z.string().default('openid email profile'),
          /** The claim that names the user (matched against the username). */
          usernameClaim: z.string().default('email'),
          /** Users signing in for the first time are created with this role; none means only existing users may sign in. */
          defaultRole: z.string().optional(),
          /** Tenant slug for provisioned users when the default role is a customer role. */
          defaultTenant: z.string().optional(),
        })
        .optional(),
    })
    .prefault({}),
});

export type MamoriConfig = z.infer<typeof configSchema>;

/** `MAMORI_*` variables of INTERFACES.md, mapped onto the schema's paths. */
const envPaths: Record<string, string[]> = {
  MAMORI_DATA_DIR: ['dataDir'],
  MAMORI_LOG_LEVEL: ['logLevel'],
  MAMORI_HTTP_HOST: ['http', 'host'],
  MAMORI_HTTP_PORT: ['http', 'port'],
  MAMORI_SYSLOG_HOST: ['syslog', 'host'],
  MAMORI_SYSLOG_UDP_PORT: ['syslog', 'udpPort'],
  MAMORI_SYSLOG_TCP_PORT: ['syslog', 'tcpPort'],
  MAMORI_SYSLOG_TLS_PORT: ['syslog', 'tlsPort'],
  MAMORI_SYSLOG_TLS_CERT_FILE: ['syslog', 'tlsCertFile'],
  MAMORI_SYSLOG_TLS_KEY_FILE: ['syslog', 'tlsKeyFile'],
  MAMORI_PIPELINE_BATCH_SIZE: ['pipeline', 'batchSize'],
  MAMORI_PIPELINE_FLUSH_INTERVAL_MS: ['pipeline', 'flushIntervalMs'],
  MAMORI_PIPELINE_MAX_PENDING: ['pipeline', 'maxPending'],
  MAMORI_RETENTION_DEFAULT_DAYS: ['retention', 'defaultDays'],
  MAMORI_EVENT_STORE_MEMORY_LIMIT: ['eventStore', 'memoryLimit'],
  MAMORI_LOG_SILENCE_CHECK_INTERVAL_SECONDS: ['logSilence', 'checkIntervalSeconds'],
  MAMORI_SMTP_HOST: ['notifications', 'smtp', 'host'],
  MAMORI_SMTP_PORT: ['notifications', 'smtp', 'port'],
  MAMORI_SMTP_USER: ['notifications', 'smtp', 'user'],
  MAMORI_SMTP_PASS: ['notifications', 'smtp', 'pass'],
  MAMORI_SMTP_FROM: ['notifications', 'smtp', 'from'],
  MAMORI_PORTAL_URL: ['notifications', 'portalUrl'],
  MAMORI_CONTROL_STORE_URL: ['controlStore', 'url'],
  MAMORI_SESSION_IDLE_MINUTES: ['identity', 'session', 'idleMinutes'],
  MAMORI_SESSION_ABSOLUTE_HOURS: ['identity', 'session', 'absoluteHours'],
  MAMORI_OIDC_ISSUER: ['identity', 'oidc', 'issuer'],
  MAMORI_OIDC_CLIENT_ID: ['identity', 'oidc', 'clientId'],
  MAMORI_OIDC_CLIENT_SECRET: ['identity', 'oidc', 'clientSecret'],
  MAMORI_OIDC_REDIRECT_URI: ['identity', 'oidc', 'redirectUri'],
  MAMORI_OIDC_DEFAULT_ROLE: ['identity', 'oidc', 'defaultRole'],
};

export class ConfigError extends Error {}

function setPath(target: Record<string, unknown>, keys: string[], value: string): void {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const child = node[key];
    node = (typeof child === 'object' && child !== null ? child : (node[key] = {})) as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
}

/** File (MAMORI_CONFIG or ./mamori.yaml) first, then environment variables, then defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Record<string, unknown> = {}): MamoriConfig {
  const file = env.MAMORI_CONFIG ?? (existsSync('mamori.yaml') ? 'mamori.yaml' : undefined);
  let raw: Record<string, unknown> = {};
  if (file) {
    try {
      raw = (parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown> | null) ?? {};
    } catch (err) {
      throw new ConfigError(`cannot read configuration file ${file}: ${(err as Error).message}`);
    }
  }
  for (const [name, keys] of Object.entries(envPaths)) {
    const value = env[name];
    if (value !== undefined && value !== '') setPath(raw, keys, value);
  }
  const result = configSchema.safeParse({ ...raw, ...overrides });
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.dataDir) };
}
