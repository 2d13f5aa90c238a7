import type { ExitCode } from '@newswire/config';
import type { Command } from '../command.ts';
import { BROKER_HELP } from '@newswire/broker/help';

/** `newswire broker`: runs the dev broker's own entry point (services/broker/src/main.ts). */
export const command: Command = {
  help: BROKER_HELP,
  graceful: true,
  async run(argv) {
    const { runBroker } = await import('@newswire/broker/main');
    // runBroker keeps the same contract (EXIT of @newswire/config) so it can also run on its own.
    return (await runBroker(argv)) as ExitCode;
  },
};
