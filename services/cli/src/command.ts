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
