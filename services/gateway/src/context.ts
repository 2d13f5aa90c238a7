/** Everything a connection needs from its gateway, in one object. */
import type { KafkaPort } from '@newswire/kafka';
import type { Logger } from '@newswire/config';
import type { Verifier } from './auth.ts';
import type { FanoutHub } from './hub.ts';
import type { GatewayMetrics } from './metrics.ts';
import type { GatewayLimits } from './options.ts';
import type { ReplayReader } from './replay-reader.ts';
import type { StoryStateHost } from './story-state.ts';

export interface GatewayContext {
  hub: FanoutHub;
  replay: ReplayReader;
  kafka: KafkaPort;
  epoch: string;
  topics: readonly string[];
  /** Topic prefix: a subscription that names kinds reads `<prefix>.<family>` topics. */
  topicPrefix: string | undefined;
  limits: GatewayLimits;
  verifier: Verifier | null;
  metrics: GatewayMetrics;
  logger: Logger;
  serverName: string;
  /** The story state, or null when GATEWAY_STATE=off. */
  state: StoryStateHost | null;
}
