import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParsedResults<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

export interface Command {
  /** Full help text, with at least one example. */
  help: string;
  /** Returns the exit code (see main.ts). */
  run(argv: string[]): Promise<number>;
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
