/**
 * `newswire tail`: follows updates through the WebSocket gateway with the
 * client SDK, so it resumes across gateway restarts and dropped connections
 * exactly like a dashboard would. Updates go to stdout (one pretty line each on
 * a terminal, NDJSON otherwise); connection state, gaps and lags go to stderr.
 */
import { parseArgs } from 'node:util';
import { ConfigError, EXIT, flagOptions, loadConfig, shownDefault, type ExitCode } from '@newswire/config';
import { connect, type Delivery, type From, type StateChange, type SubscriptionFilter } from '@newswire/client/node';
import { filterSchema } from '@newswire/protocol';
import { formatInstant, isInstant, KINDS } from '@newswire/schema/v2';
import type { Command, CommandContext } from '../command.ts';

const help = `
usage: newswire tail [--gateway <ws-url>] [--from live|earliest|<ISO time>] [filters] [--json] [--limit <n>]

Follow updates through the WebSocket gateway. On a terminal each update is one line
(time, kind, verification/urgency, place, headline, story, position); when stdout is
not a terminal (or with --json) each update is one NDJSON line:
  {"topic":..,"partition":..,"offset":..,"epoch":..,"ts":..,"update":{...}}
Dropped connections and gateway restarts are survived: tail reconnects with backoff
and resumes from its last positions without losing or repeating an update. Reconnects,
gaps (updates no longer retained) and lags are reported on stderr.

  --gateway <url>        gateway WebSocket URL (env NEWSWIRE_GATEWAY, default ${shownDefault('tail', 'NEWSWIRE_GATEWAY')})
  --from <start>         live (default): only new updates; earliest: everything retained, then live;
                         an ISO time (2022-01-06T00:00:00Z): from that time on, then live
  --kind <kind>          only these kinds (repeat or comma-separate): ${KINDS.join(', ')}
  --story <id>           only these stories (repeatable)
  --country <CC>         only these countries, ISO 3166-1 alpha-2 (repeatable)
  --city <name>          only these cities (repeatable)
  --verification <v>     confirmed, reported, claimed, unverified, disputed (repeatable)
  --urgency <u>          flash, urgent, routine (repeatable)
  --topic <topic>        read only these topics (default: all newswire topics)
  --token <jwt>          token for a gateway with auth (env NEWSWIRE_TOKEN)
  --json                 NDJSON even on a terminal
  --limit <n>            exit 0 after n updates
  --no-reconnect         exit 1 when the connection drops instead of resuming

Exit codes: 0 --limit reached, 1 gateway unreachable/refused, 2 usage error, 130/143 interrupted (SIGINT/SIGTERM).

Examples:
  newswire tail
  newswire tail --from earliest --kind arrests,casualties
  newswire tail --gateway ws://127.0.0.1:8080 --from 2022-01-06T00:00:00Z --country KZ --json | jq .update.headline
  newswire tail --story kz-unrest-2022 --limit 10
`;

/** The flags that set variables (validated by the config schema, so an error names the flag). */
const BINDINGS = { gateway: 'NEWSWIRE_GATEWAY', token: 'NEWSWIRE_TOKEN' } as const;

const OPTIONS = {
  ...flagOptions(BINDINGS),
  from: { type: 'string' },
  kind: { type: 'string', multiple: true },
  story: { type: 'string', multiple: true },
  country: { type: 'string', multiple: true },
  city: { type: 'string', multiple: true },
  verification: { type: 'string', multiple: true },
  urgency: { type: 'string', multiple: true },
  topic: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  limit: { type: 'string' },
  'no-reconnect': { type: 'boolean' },
} as const;

export interface TailSettings {
  url: string;
  from: From;
  filter: SubscriptionFilter | undefined;
  topics: string[] | undefined;
  token: string | undefined;
  json: boolean;
  limit: number | undefined;
  reconnect: boolean;
}

class TailUsageError extends Error {}

/** Repeatable flags also accept comma-separated values. */
function list(values: string[] | undefined): string[] | undefined {
  const out = (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

function parseFrom(value: string | undefined): From {
  if (value === undefined || value === 'live' || value === 'earliest') return value ?? 'live';
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new TailUsageError(`--from must be live, earliest or an ISO time like 2022-01-06T00:00:00Z, got "${value}"`);
  }
  return new Date(ms);
}

export function parseTailArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): TailSettings {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new TailUsageError((err as Error).message);
  }
  let config;
  try {
    config = loadConfig(['tail'], { env, flags: values, bindings: BINDINGS });
  } catch (err) {
    if (err instanceof ConfigError) throw new TailUsageError(err.issues.join('; '));
    throw err;
  }
  const url = config.NEWSWIRE_GATEWAY;
  const rawFilter = {
    kinds: list(values.kind),
    stories: list(values.story),
    countries: list(values.country),
    cities: list(values.city),
    verification: list(values.verification),
    urgency: list(values.urgency),
  };
  const parsed = filterSchema.safeParse(Object.fromEntries(Object.entries(rawFilter).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = { kinds: 'kind', stories: 'story', countries: 'country', cities: 'city' }[String(issue.path[0])] ?? issue.path[0];
    throw new TailUsageError(`--${String(flag)}: ${issue.message}`);
  }
  let limit: number | undefined;
  if (values.limit !== undefined) {
    limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new TailUsageError(`--limit must be a positive integer, got "${values.limit}"`);
  }
  return {
    url,
    from: parseFrom(values.from),
    filter: Object.keys(parsed.data).length ? parsed.data : undefined,
    topics: list(values.topic),
    token: config.NEWSWIRE_TOKEN,
    json: values.json ?? !process.stdout.isTTY,
    limit,
    reconnect: !values['no-reconnect'],
  };
}

/** One terminal line per update. */
export function formatPretty(d: Delivery): string {
  const u = d.update;
  // When it happened if that is one instant, else when it was reported; only as precise as the source.
  const time = formatInstant(u.occurred && isInstant(u.occurred) ? u.occurred : u.reported);
  const place = [u.place.country, u.place.admin1, u.place.city].filter(Boolean).join('/');
  const flag = u.urgency === 'flash' ? '!!' : u.urgency === 'urgent' ? '! ' : '  ';
  return `${flag}${time}  ${u.kind.padEnd(18)}${`${u.verification}`.padEnd(10)} ${place.padEnd(14)} ${u.headline}  [${u.story} ${d.topic}/${d.partition}@${d.offset}]`;
}

export function formatJson(d: Delivery): string {
  return JSON.stringify({ topic: d.topic, partition: d.partition, offset: d.offset, epoch: d.epoch, ts: d.ts, update: d.update });
}

function why(s: StateChange): string {
  return s.reason ? `code ${s.code}: ${s.reason}` : `code ${s.code}`;
}

function describeState(s: StateChange, url: string): string | null {
  switch (s.state) {
    case 'connecting':
      return s.attempt ? `cannot reach ${url} (${why(s)}); retrying in ${s.delayMs} ms (attempt ${s.attempt})` : null;
    case 'reconnecting':
      return `connection lost (${why(s)}); reconnecting in ${s.delayMs} ms (attempt ${s.attempt})`;
    case 'live':
      if (!s.resumed) return `following ${url}`;
      return s.recovered
        ? `resumed without loss (${s.missed ?? 0} update(s) caught up)`
        : `resumed WITH GAPS: some updates were no longer retained (see gap lines above)`;
    case 'closed':
      return s.code === 1000 ? null : `closed (${why(s)})`;
  }
}

async function run(argv: string[], ctx: CommandContext): Promise<ExitCode> {
  let settings: TailSettings;
  try {
    settings = parseTailArgs(argv);
  } catch (err) {
    if (!(err instanceof TailUsageError)) throw err;
    process.stderr.write(`newswire tail: ${err.message}\nRun \`newswire tail --help\` for usage.\n`);
    return EXIT.usage;
  }
  const log = (line: string) => process.stderr.write(`tail: ${line}\n`);
  const write = settings.json ? formatJson : formatPretty;
  const client = connect({ url: settings.url, token: settings.token, reconnect: settings.reconnect });
  const sub = client.subscribe({ from: settings.from, filter: settings.filter, topics: settings.topics });

  let exitCode: ExitCode = EXIT.ok;
  let interrupted = false;
  const stop = (code: ExitCode) => {
    exitCode = code;
    void client.close();
  };
  // Interrupted: main answers with the signal's code.
  const onSignal = () => {
    interrupted = true;
    stop(EXIT.ok);
  };
  if (ctx.stop.aborted) onSignal();
  ctx.stop.addEventListener('abort', onSignal, { once: true });
  // `newswire tail | head` closes our stdout: that is a normal way to stop.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => stop(err.code === 'EPIPE' ? EXIT.ok : EXIT.failure));

  client.on('state', (s) => {
    const line = describeState(s, settings.url);
    if (line) log(line);
    if (s.state === 'closed' && s.code !== 1000 && !interrupted) exitCode = EXIT.failure;
  });
  client.on('error', (e) => log(`gateway error ${e.code}: ${e.message}`));
  sub.on('gap', (g) =>
    log(`GAP on ${g.topic}/${g.partition}: offsets ${g.requested ?? '?'}..${BigInt(g.available) - 1n} are gone (${g.reason}); continuing at ${g.available}`),
  );
  sub.on('lagged', (l) => log(`lagged (${l.source} buffer full); resuming from ${l.positions.length} saved position(s)`));
  sub.on('error', (e) => log(`subscription refused: ${e.code}: ${e.message}`));

  let count = 0;
  try {
    for await (const d of sub) {
      process.stdout.write(write(d) + '\n');
      count += 1;
      if (settings.limit !== undefined && count >= settings.limit) {
        stop(EXIT.ok);
        break;
      }
    }
  } catch (err) {
    // The iterator throws when the client closes for good (refused, unreachable without reconnect).
    if (!interrupted) {
      log((err as Error).message);
      exitCode = exitCode || EXIT.failure;
    }
  } finally {
    ctx.stop.removeEventListener('abort', onSignal);
    await client.close();
  }
  return exitCode;
}

export const command: Command = { help, graceful: true, run };
