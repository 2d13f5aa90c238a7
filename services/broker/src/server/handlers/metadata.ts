import type { MetadataRequest, MetadataResponse } from '../../protocol/apis/metadata/types.ts';
import { NODE_ID, type BrokerContext, type RequestInfo } from '../context.ts';
import { ensureTopic, partitionCounts } from '../topics.ts';
import { ErrorCode } from '../error-codes.ts';

export function handleMetadata(ctx: BrokerContext, req: MetadataRequest, info: RequestInfo): MetadataResponse {
  const errors = new Map<string, number>();
  let names: string[];
  if (req.topics === null) {
    names = ctx.logs.topics().map((t) => t.name).sort();
  } else {
    names = [...new Set(req.topics)];
    for (const name of names) {
      const code = ensureTopic(ctx, name, req.allowAutoTopicCreation);
      if (code !== ErrorCode.NONE) errors.set(name, code);
    }
  }
  const counts = partitionCounts(ctx);
  return {
    brokers: [{ nodeId: NODE_ID, host: info.advertisedHost, port: info.advertisedPort, rack: null }],
    clusterId: ctx.meta.clusterId,
    controllerId: NODE_ID,
    topics: names.map((name) => {
      const errorCode = errors.get(name) ?? ErrorCode.NONE;
      const n = errorCode === ErrorCode.NONE ? (counts.get(name) ?? 0) : 0;
      return {
        errorCode,
        name,
        isInternal: false,
        partitions: Array.from({ length: n }, (_, partition) => ({
          errorCode: ErrorCode.NONE,
          partition,
          leader: NODE_ID,
          replicas: [NODE_ID],
          isr: [NODE_ID],
        })),
      };
    }),
  };
}
