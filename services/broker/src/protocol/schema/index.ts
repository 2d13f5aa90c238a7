/** Every API this broker implements, in key order (the generator's input). */
import type { ApiSchema } from './dsl.ts';
import { produce } from './produce.ts';
import { fetch } from './fetch.ts';
import { listOffsets } from './list-offsets.ts';
import { metadata } from './metadata.ts';
import { offsetCommit } from './offset-commit.ts';
import { offsetFetch } from './offset-fetch.ts';
import { findCoordinator } from './find-coordinator.ts';
import { joinGroup } from './join-group.ts';
import { heartbeat } from './heartbeat.ts';
import { leaveGroup } from './leave-group.ts';
import { syncGroup } from './sync-group.ts';
import { describeGroups } from './describe-groups.ts';
import { listGroups } from './list-groups.ts';
import { apiVersions } from './api-versions.ts';
import { createTopics } from './create-topics.ts';
import { deleteTopics } from './delete-topics.ts';
import { initProducerId } from './init-producer-id.ts';

export const SCHEMAS: readonly ApiSchema[] = [
  produce,
  fetch,
  listOffsets,
  metadata,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  apiVersions,
  createTopics,
  deleteTopics,
  initProducerId,
];
