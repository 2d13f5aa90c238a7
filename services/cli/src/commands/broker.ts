import type { Command } from '../command.ts';
import { BROKER_HELP } from '@newswire/broker/help';

/** `newswire broker`: runs the dev broker's own entry point (services/broker/src/main.ts). */
export const command: Command = {
  help: BROKER_HELP,
  async run(argv) {
    const { runBroker } = await import('@newswire/broker/main');
    return runBroker(argv);
  },
};
