/**
 * Command-line flags that set configuration variables. A command declares one
 * table of bindings (flag -> variable); the flags it parses come from that
 * table, so a flag cannot be accepted and then fail to reach the schema.
 */

/**
 * How a command-line flag sets a variable: by name (`port: 'GATEWAY_PORT'`,
 * the flag's value becomes the variable's), or a boolean flag that sets a
 * fixed value (`'no-auto-create': { env: 'BROKER_AUTO_CREATE_TOPICS', value: 'false' }`).
 */
export type FlagBinding = string | { env: string; value: string };

/** The util.parseArgs option of each bound flag: a named variable takes a value, a fixed value is a switch. */
export type FlagOptions<B extends Readonly<Record<string, FlagBinding>>> = {
  [K in keyof B]: B[K] extends string ? { type: 'string' } : { type: 'boolean' };
};

/** util.parseArgs `options` for the flags of `bindings` (spread beside the command's own flags). */
export function flagOptions<const B extends Readonly<Record<string, FlagBinding>>>(bindings: B): FlagOptions<B> {
  return Object.fromEntries(
    Object.entries(bindings).map(([flag, binding]) => [flag, { type: typeof binding === 'string' ? 'string' : 'boolean' }]),
  ) as FlagOptions<B>;
}

/**
 * The environment with the given flags on top, and which flag set each
 * variable (so an error can name the flag). A flag not given, or a switch
 * given as false, leaves its variable as it was.
 */
export function applyFlags(
  env: Readonly<Record<string, string | undefined>>,
  flags: Readonly<Record<string, unknown>> = {},
  bindings: Readonly<Record<string, FlagBinding>> = {},
): { env: Record<string, string | undefined>; fromFlag: Map<string, string> } {
  const merged = { ...env };
  const fromFlag = new Map<string, string>();
  for (const [flag, binding] of Object.entries(bindings)) {
    const value = flags[flag];
    if (value === undefined || value === false) continue;
    const name = typeof binding === 'string' ? binding : binding.env;
    merged[name] = typeof binding === 'string' ? String(value) : binding.value;
    fromFlag.set(name, flag);
  }
  return { env: merged, fromFlag };
}
