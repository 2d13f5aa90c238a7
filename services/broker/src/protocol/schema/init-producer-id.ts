import { f, type ApiSchema } from './dsl.ts';

/**
 * InitProducerId. v2 is flexible, v3 lets a producer pass its current id and
 * epoch (KIP-360; without a transactional id Kafka simply hands out a new
 * id, as here). v6 (two-phase commit, KIP-939) is not yet stable in Kafka.
 */
export const initProducerId: ApiSchema = {
  name: 'InitProducerId',
  key: 22,
  versions: '0-5',
  flexibleFrom: 2,
  request: [
    f('transactionalId', 'string', '0+', { nullable: '0+' }),
    f('transactionTimeoutMs', 'int32'),
    f('producerId', 'int64', '3+', { default: -1 }),
    f('producerEpoch', 'int16', '3+', { default: -1 }),
  ],
  response: [
    f('throttleTimeMs', 'int32', '0+', { default: 0 }),
    f('errorCode', 'int16'),
    f('producerId', 'int64'),
    f('producerEpoch', 'int16'),
  ],
};
