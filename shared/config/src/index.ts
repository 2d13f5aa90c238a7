import { z } from 'zod';
import { commonConfig } from './common.ts';
import { kafkaConfig } from './kafka.ts';
import { brokerConfig } from './broker.ts';
import { gatewayConfig } from './gateway.ts';
import { dashboardConfig } from './dashboard.ts';
import { ingestConfig } from './ingest.ts';
import { startConfig } from './start.ts';
import { tailConfig } from './tail.ts';
import { applyFlags, type FlagBinding } from './flags.ts';
import { issueText } from './issues.ts';
import { showValue } from './shown-defaults.ts';

/**
 * The one schema for every environment variable newswire reads, in sections:
 * a command loads only the sections it uses (so a gateway secret that is too
 * short cannot break `newswire topics`), and each variable's default lives
 * here and nowhere else.
 */
export const CONFIG_SECTIONS = {
  common: commonConfig,
  kafka: kafkaConfig,
  broker: brokerConfig,
  gateway: gatewayConfig,
  dashboard: dashboardConfig,
  ingest: ingestConfig,
  start: startConfig,
  tail: tailConfig,
} as const;

export type SectionName = keyof typeof CONFIG_SECTIONS;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The parsed settings of the named sections. */
export type ConfigOf<N extends SectionName> = UnionToIntersection<{ [K in N]: z.output<(typeof CONFIG_SECTIONS)[K]> }[N]>;

/** Every section: the settings of `newswire start`, which runs everything. */
export const configSchema = z.object(
  Object.assign({}, ...Object.values(CONFIG_SECTIONS).map((s) => s.shape)) as {
    [K in keyof ConfigOf<SectionName>]: z.ZodType<ConfigOf<SectionName>[K]>;
  },
);
export type Config = ConfigOf<SectionName>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadOptions {
  env?: NodeJS.ProcessEnv;
  /** Parsed flag values (util.parseArgs `values`); a flag given wins over its variable. */
  flags?: Readonly<Record<string, unknown>>;
  /** Which variable each flag sets. */
  bindings?: Readonly<Record<string, FlagBinding>>;
}

/**
 * The one way settings are read: the named sections of the schema, from the
 * environment with flags on top. Throws ConfigError with one line per bad
 * value in plain words, naming the flag when the value came from one.
 */
export function loadConfig<N extends SectionName>(sections: readonly N[], opts: LoadOptions = {}): ConfigOf<N> {
  const { env, fromFlag } = applyFlags(opts.env ?? process.env, opts.flags, opts.bindings);
  const shape = Object.assign({}, ...sections.map((s) => CONFIG_SECTIONS[s].shape)) as z.ZodRawShape;
  // A flag bound to a variable these sections do not read would be accepted and then ignored: a bug in the command.
  for (const [name, flag] of fromFlag) {
    if (!Object.hasOwn(shape, name)) throw new Error(`--${flag} sets ${name}, which the sections ${sections.join(', ')} do not read`);
  }
  const result = z.object(shape).safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = String(i.path[0]);
        const flag = fromFlag.get(name);
        return `${flag ? `--${flag}` : name}: ${issueText(i)}`;
      }),
    );
  }
  return result.data as ConfigOf<N>;
}

/** A section's defaults (every variable unset): what library options fall back to, so no default is written twice. */
export function configDefaults<N extends SectionName>(section: N): z.output<(typeof CONFIG_SECTIONS)[N]> {
  return CONFIG_SECTIONS[section].parse({}) as z.output<(typeof CONFIG_SECTIONS)[N]>;
}

/**
 * A variable's default as a help text states it ("7 days", "64 MiB", "127.0.0.1"),
 * so a changed default changes every help that states it. Throws for a
 * variable with no default: a help says what leaving that one unset does.
 */
export function shownDefault<N extends SectionName>(section: N, name: keyof ConfigOf<N> & string): string {
  const value: unknown = (configDefaults(section) as Record<string, unknown>)[name];
  if (value === undefined) throw new Error(`${name} has no default in the config schema`);
  return showValue(name, value);
}

export { commonConfig, kafkaConfig, brokerConfig, gatewayConfig, dashboardConfig, ingestConfig, startConfig, tailConfig };
export { flagOptions, type FlagBinding, type FlagOptions } from './flags.ts';
export { LOG_LEVELS, type LogLevel } from './common.ts';
export * from './logger.ts';
export * from './process.ts';
export * from './teardown.ts';
