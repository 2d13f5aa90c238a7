// Generated from src/protocol/schema/index.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
import * as produceV0 from './produce/v0.ts';
import * as produceV1 from './produce/v1.ts';
import * as produceV2 from './produce/v2.ts';
import * as produceV3 from './produce/v3.ts';
import * as produceV4 from './produce/v4.ts';
import * as produceV5 from './produce/v5.ts';
import * as produceV6 from './produce/v6.ts';
import * as produceV7 from './produce/v7.ts';
import * as produceV8 from './produce/v8.ts';
import * as produceV9 from './produce/v9.ts';
import * as produceV10 from './produce/v10.ts';
import * as produceV11 from './produce/v11.ts';
import * as produceV12 from './produce/v12.ts';
import * as produceV13 from './produce/v13.ts';
import * as fetchV0 from './fetch/v0.ts';
import * as fetchV1 from './fetch/v1.ts';
import * as fetchV2 from './fetch/v2.ts';
import * as fetchV3 from './fetch/v3.ts';
import * as fetchV4 from './fetch/v4.ts';
import * as fetchV5 from './fetch/v5.ts';
import * as fetchV6 from './fetch/v6.ts';
import * as fetchV7 from './fetch/v7.ts';
import * as fetchV8 from './fetch/v8.ts';
import * as fetchV9 from './fetch/v9.ts';
import * as fetchV10 from './fetch/v10.ts';
import * as fetchV11 from './fetch/v11.ts';
import * as fetchV12 from './fetch/v12.ts';
import * as fetchV13 from './fetch/v13.ts';
import * as fetchV14 from './fetch/v14.ts';
import * as fetchV15 from './fetch/v15.ts';
import * as fetchV16 from './fetch/v16.ts';
import * as fetchV17 from './fetch/v17.ts';
import * as fetchV18 from './fetch/v18.ts';
import * as listOffsetsV0 from './list-offsets/v0.ts';
import * as listOffsetsV1 from './list-offsets/v1.ts';
import * as listOffsetsV2 from './list-offsets/v2.ts';
import * as listOffsetsV3 from './list-offsets/v3.ts';
import * as listOffsetsV4 from './list-offsets/v4.ts';
import * as listOffsetsV5 from './list-offsets/v5.ts';
import * as listOffsetsV6 from './list-offsets/v6.ts';
import * as listOffsetsV7 from './list-offsets/v7.ts';
import * as listOffsetsV8 from './list-offsets/v8.ts';
import * as listOffsetsV9 from './list-offsets/v9.ts';
import * as listOffsetsV10 from './list-offsets/v10.ts';
import * as listOffsetsV11 from './list-offsets/v11.ts';
import * as metadataV0 from './metadata/v0.ts';
import * as metadataV1 from './metadata/v1.ts';
import * as metadataV2 from './metadata/v2.ts';
import * as metadataV3 from './metadata/v3.ts';
import * as metadataV4 from './metadata/v4.ts';
import * as metadataV5 from './metadata/v5.ts';
import * as metadataV6 from './metadata/v6.ts';
import * as metadataV7 from './metadata/v7.ts';
import * as metadataV8 from './metadata/v8.ts';
import * as metadataV9 from './metadata/v9.ts';
import * as metadataV10 from './metadata/v10.ts';
import * as metadataV11 from './metadata/v11.ts';
import * as metadataV12 from './metadata/v12.ts';
import * as metadataV13 from './metadata/v13.ts';
import * as offsetCommitV0 from './offset-commit/v0.ts';
import * as offsetCommitV1 from './offset-commit/v1.ts';
import * as offsetCommitV2 from './offset-commit/v2.ts';
import * as offsetCommitV3 from './offset-commit/v3.ts';
import * as offsetCommitV4 from './offset-commit/v4.ts';
import * as offsetCommitV5 from './offset-commit/v5.ts';
import * as offsetCommitV6 from './offset-commit/v6.ts';
import * as offsetCommitV7 from './offset-commit/v7.ts';
import * as offsetCommitV8 from './offset-commit/v8.ts';
import * as offsetCommitV9 from './offset-commit/v9.ts';
import * as offsetCommitV10 from './offset-commit/v10.ts';
import * as offsetFetchV0 from './offset-fetch/v0.ts';
import * as offsetFetchV1 from './offset-fetch/v1.ts';
import * as offsetFetchV2 from './offset-fetch/v2.ts';
import * as offsetFetchV3 from './offset-fetch/v3.ts';
import * as offsetFetchV4 from './offset-fetch/v4.ts';
import * as offsetFetchV5 from './offset-fetch/v5.ts';
import * as offsetFetchV6 from './offset-fetch/v6.ts';
import * as offsetFetchV7 from './offset-fetch/v7.ts';
import * as offsetFetchV8 from './offset-fetch/v8.ts';
import * as offsetFetchV9 from './offset-fetch/v9.ts';
import * as offsetFetchV10 from './offset-fetch/v10.ts';
import * as findCoordinatorV0 from './find-coordinator/v0.ts';
import * as findCoordinatorV1 from './find-coordinator/v1.ts';
import * as findCoordinatorV2 from './find-coordinator/v2.ts';
import * as findCoordinatorV3 from './find-coordinator/v3.ts';
import * as findCoordinatorV4 from './find-coordinator/v4.ts';
import * as findCoordinatorV5 from './find-coordinator/v5.ts';
import * as findCoordinatorV6 from './find-coordinator/v6.ts';
import * as joinGroupV0 from './join-group/v0.ts';
import * as joinGroupV1 from './join-group/v1.ts';
import * as joinGroupV2 from './join-group/v2.ts';
import * as joinGroupV3 from './join-group/v3.ts';
import * as joinGroupV4 from './join-group/v4.ts';
import * as joinGroupV5 from './join-group/v5.ts';
import * as joinGroupV6 from './join-group/v6.ts';
import * as joinGroupV7 from './join-group/v7.ts';
import * as joinGroupV8 from './join-group/v8.ts';
import * as joinGroupV9 from './join-group/v9.ts';
import * as heartbeatV0 from './heartbeat/v0.ts';
import * as heartbeatV1 from './heartbeat/v1.ts';
import * as heartbeatV2 from './heartbeat/v2.ts';
import * as heartbeatV3 from './heartbeat/v3.ts';
import * as heartbeatV4 from './heartbeat/v4.ts';
import * as leaveGroupV0 from './leave-group/v0.ts';
import * as leaveGroupV1 from './leave-group/v1.ts';
import * as leaveGroupV2 from './leave-group/v2.ts';
import * as leaveGroupV3 from './leave-group/v3.ts';
import * as leaveGroupV4 from './leave-group/v4.ts';
import * as leaveGroupV5 from './leave-group/v5.ts';
import * as syncGroupV0 from './sync-group/v0.ts';
import * as syncGroupV1 from './sync-group/v1.ts';
import * as syncGroupV2 from './sync-group/v2.ts';
import * as syncGroupV3 from './sync-group/v3.ts';
import * as syncGroupV4 from './sync-group/v4.ts';
import * as syncGroupV5 from './sync-group/v5.ts';
import * as describeGroupsV0 from './describe-groups/v0.ts';
import * as describeGroupsV1 from './describe-groups/v1.ts';
import * as describeGroupsV2 from './describe-groups/v2.ts';
import * as describeGroupsV3 from './describe-groups/v3.ts';
import * as describeGroupsV4 from './describe-groups/v4.ts';
import * as describeGroupsV5 from './describe-groups/v5.ts';
import * as describeGroupsV6 from './describe-groups/v6.ts';
import * as listGroupsV0 from './list-groups/v0.ts';
import * as listGroupsV1 from './list-groups/v1.ts';
import * as listGroupsV2 from './list-groups/v2.ts';
import * as listGroupsV3 from './list-groups/v3.ts';
import * as listGroupsV4 from './list-groups/v4.ts';
import * as listGroupsV5 from './list-groups/v5.ts';
import * as apiVersionsV0 from './api-versions/v0.ts';
import * as apiVersionsV1 from './api-versions/v1.ts';
import * as apiVersionsV2 from './api-versions/v2.ts';
import * as apiVersionsV3 from './api-versions/v3.ts';
import * as apiVersionsV4 from './api-versions/v4.ts';
import * as createTopicsV0 from './create-topics/v0.ts';
import * as createTopicsV1 from './create-topics/v1.ts';
import * as createTopicsV2 from './create-topics/v2.ts';
import * as createTopicsV3 from './create-topics/v3.ts';
import * as createTopicsV4 from './create-topics/v4.ts';
import * as createTopicsV5 from './create-topics/v5.ts';
import * as createTopicsV6 from './create-topics/v6.ts';
import * as createTopicsV7 from './create-topics/v7.ts';
import * as deleteTopicsV0 from './delete-topics/v0.ts';
import * as deleteTopicsV1 from './delete-topics/v1.ts';
import * as deleteTopicsV2 from './delete-topics/v2.ts';
import * as deleteTopicsV3 from './delete-topics/v3.ts';
import * as deleteTopicsV4 from './delete-topics/v4.ts';
import * as deleteTopicsV5 from './delete-topics/v5.ts';
import * as deleteTopicsV6 from './delete-topics/v6.ts';
import * as initProducerIdV0 from './init-producer-id/v0.ts';
import * as initProducerIdV1 from './init-producer-id/v1.ts';
import * as initProducerIdV2 from './init-producer-id/v2.ts';
import * as initProducerIdV3 from './init-producer-id/v3.ts';
import * as initProducerIdV4 from './init-producer-id/v4.ts';
import * as initProducerIdV5 from './init-producer-id/v5.ts';

export const API = {
  Produce: { key: 0, versions: { 0: produceV0, 1: produceV1, 2: produceV2, 3: produceV3, 4: produceV4, 5: produceV5, 6: produceV6, 7: produceV7, 8: produceV8, 9: produceV9, 10: produceV10, 11: produceV11, 12: produceV12, 13: produceV13 } },
  Fetch: { key: 1, versions: { 0: fetchV0, 1: fetchV1, 2: fetchV2, 3: fetchV3, 4: fetchV4, 5: fetchV5, 6: fetchV6, 7: fetchV7, 8: fetchV8, 9: fetchV9, 10: fetchV10, 11: fetchV11, 12: fetchV12, 13: fetchV13, 14: fetchV14, 15: fetchV15, 16: fetchV16, 17: fetchV17, 18: fetchV18 } },
  ListOffsets: { key: 2, versions: { 0: listOffsetsV0, 1: listOffsetsV1, 2: listOffsetsV2, 3: listOffsetsV3, 4: listOffsetsV4, 5: listOffsetsV5, 6: listOffsetsV6, 7: listOffsetsV7, 8: listOffsetsV8, 9: listOffsetsV9, 10: listOffsetsV10, 11: listOffsetsV11 } },
  Metadata: { key: 3, versions: { 0: metadataV0, 1: metadataV1, 2: metadataV2, 3: metadataV3, 4: metadataV4, 5: metadataV5, 6: metadataV6, 7: metadataV7, 8: metadataV8, 9: metadataV9, 10: metadataV10, 11: metadataV11, 12: metadataV12, 13: metadataV13 } },
  OffsetCommit: { key: 8, versions: { 0: offsetCommitV0, 1: offsetCommitV1, 2: offsetCommitV2, 3: offsetCommitV3, 4: offsetCommitV4, 5: offsetCommitV5, 6: offsetCommitV6, 7: offsetCommitV7, 8: offsetCommitV8, 9: offsetCommitV9, 10: offsetCommitV10 } },
  OffsetFetch: { key: 9, versions: { 0: offsetFetchV0, 1: offsetFetchV1, 2: offsetFetchV2, 3: offsetFetchV3, 4: offsetFetchV4, 5: offsetFetchV5, 6: offsetFetchV6, 7: offsetFetchV7, 8: offsetFetchV8, 9: offsetFetchV9, 10: offsetFetchV10 } },
  FindCoordinator: { key: 10, versions: { 0: findCoordinatorV0, 1: findCoordinatorV1, 2: findCoordinatorV2, 3: findCoordinatorV3, 4: findCoordinatorV4, 5: findCoordinatorV5, 6: findCoordinatorV6 } },
  JoinGroup: { key: 11, versions: { 0: joinGroupV0, 1: joinGroupV1, 2: joinGroupV2, 3: joinGroupV3, 4: joinGroupV4, 5: joinGroupV5, 6: joinGroupV6, 7: joinGroupV7, 8: joinGroupV8, 9: joinGroupV9 } },
  Heartbeat: { key: 12, versions: { 0: heartbeatV0, 1: heartbeatV1, 2: heartbeatV2, 3: heartbeatV3, 4: heartbeatV4 } },
  LeaveGroup: { key: 13, versions: { 0: leaveGroupV0, 1: leaveGroupV1, 2: leaveGroupV2, 3: leaveGroupV3, 4: leaveGroupV4, 5: leaveGroupV5 } },
  SyncGroup: { key: 14, versions: { 0: syncGroupV0, 1: syncGroupV1, 2: syncGroupV2, 3: syncGroupV3, 4: syncGroupV4, 5: syncGroupV5 } },
  DescribeGroups: { key: 15, versions: { 0: describeGroupsV0, 1: describeGroupsV1, 2: describeGroupsV2, 3: describeGroupsV3, 4: describeGroupsV4, 5: describeGroupsV5, 6: describeGroupsV6 } },
  ListGroups: { key: 16, versions: { 0: listGroupsV0, 1: listGroupsV1, 2: listGroupsV2, 3: listGroupsV3, 4: listGroupsV4, 5: listGroupsV5 } },
  ApiVersions: { key: 18, versions: { 0: apiVersionsV0, 1: apiVersionsV1, 2: apiVersionsV2, 3: apiVersionsV3, 4: apiVersionsV4 } },
  CreateTopics: { key: 19, versions: { 0: createTopicsV0, 1: createTopicsV1, 2: createTopicsV2, 3: createTopicsV3, 4: createTopicsV4, 5: createTopicsV5, 6: createTopicsV6, 7: createTopicsV7 } },
  DeleteTopics: { key: 20, versions: { 0: deleteTopicsV0, 1: deleteTopicsV1, 2: deleteTopicsV2, 3: deleteTopicsV3, 4: deleteTopicsV4, 5: deleteTopicsV5, 6: deleteTopicsV6 } },
  InitProducerId: { key: 22, versions: { 0: initProducerIdV0, 1: initProducerIdV1, 2: initProducerIdV2, 3: initProducerIdV3, 4: initProducerIdV4, 5: initProducerIdV5 } },
} as const;
