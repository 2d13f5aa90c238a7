import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { ExitCode } from '@newswire/config';

type ParsedResults<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

export interface CommandContext {
  /**
   * Aborted at the first SIGINT or SIGTERM (main listens; a second signal
   * exits at once). Graceful commands stop reading, finish what is in flight
   * and return; main turns that into the signal's exit code.
   */
  stop: AbortSignal;
}

export interface Command {
  /** Full help text, with at least one example. */
  help: string;
  /**
   * Watches ctx.stop and shuts down in order. A command without it is ended
   * at once by a signal (it has nothing to finish or flush).
   */
  graceful?: boolean;
  /**
   * Resolves with an exit code from EXIT (main.ts maps thrown errors and
   * signals; a command returns the outcome of its own work).
   */
  run(argv: string[], ctx: CommandContext): Promise<ExitCode>;
}

/** A usage error: main prints the message and exits 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** util.parseArgs, with its errors turned into UsageError (exit 2) for every command alike. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ParsedResults<T> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * Refuses flags that exist but do not apply in this mode of a command
 * (`publish --file x --dry-run --story s`: --story is for one update from
 * flags), so no flag is ever silently ignored.
 */
export function onlyFlags(values: Readonly<Record<string, unknown>>, allowed: readonly string[], mode: string): void {
  const given = Object.keys(values).filter((k) => values[k] !== undefined);
  const stray = given.filter((k) => !allowed.includes(k));
  if (stray.length === 0) return;
  const list = allowed.map((f) => `--${f}`).join(' ');
  throw new UsageError(`${stray.map((f) => `--${f}`).join(', ')} ${stray.length > 1 ? 'do' : 'does'} not apply to ${mode}${list ? `, which takes ${list}` : ''}`);
}
