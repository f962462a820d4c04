/**
 * The project's logger (pino, JSON lines). Secrets and personal data are kept out twice
 * over: known fields are redacted by path, and free text — messages, error messages and
 * stacks, request URLs — is scrubbed of emails, tokens, password hashes and the parameters
 * that database errors quote (a failed INSERT INTO users would otherwise log the email).
 */
import { pino, stdSerializers, type Logger } from 'pino';

export type { Logger };

export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  'refreshToken',
  '*.accessToken',
  '*.refreshToken',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'passwordHash',
  '*.passwordHash',
  'email',
  '*.email',
  'studentEmail',
  '*.studentEmail',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
];

const TEXT_SCRUBS: [RegExp, string][] = [
  // Database errors end with the query's parameters (emails, hashes, free text): cut up to the stack's first frame.
  [/\bparams: [\s\S]*?(?=\n\s+at |$)/g, 'params: [redacted]'],
  [/\bKey \(([^)]*)\)=\([^)]*\)/g, 'Key ($1)=([redacted])'],
  [/[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/gi, '[email]'],
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, '[jwt]'],
  [/\b(Bearer\s+)\S+/gi, '$1[redacted]'],
  [/\bscrypt\$[^\s,'"]+/g, '[password-hash]'],
];

/** Free text with emails, tokens, password hashes and quoted query parameters removed. */
export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_SCRUBS) out = out.replace(pattern, replacement);
  return out;
}

/** Keys whose values never reach a log, at any depth of a logged error. */
const SECRET_KEYS = new Set(['params', 'password', 'passwordHash', 'token', 'accessToken', 'refreshToken', 'secret', 'apiKey', 'email', 'authorization']);

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.has(k) ? '[redacted]' : scrubDeep(v, depth + 1)]));
}

/** Query parameters that carry credentials (a WebSocket client can only send its token in the URL). */
const SECRET_PARAMS = /([?&](?:token|access_token|refresh_token|api_key|apikey|password)=)[^&#]*/gi;
export const redactUrl = (url: string) => url.replace(SECRET_PARAMS, '$1[redacted]');

interface LoggedRequest {
  method?: string;
  url?: string;
  host?: string;
  hostname?: string;
  ip?: string;
  socket?: { remoteAddress?: string };
}

export function createLogger(level: string = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { app: 'satprep' },
      serializers: {
        req: (req: LoggedRequest) => ({ method: req.method, url: req.url === undefined ? undefined : scrubText(redactUrl(req.url)), host: req.host ?? req.hostname, remoteAddress: req.ip ?? req.socket?.remoteAddress }),
        err: (err: Error) => scrubDeep(stdSerializers.err(err)),
      },
      hooks: {
        // The message strings of every call (`log.info(obj, 'text')`), which no serializer sees.
        logMethod(args, method) {
          return method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(2),
  );
}
