// Generated from src/protocol/schema/list-groups.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** ListGroups request, decoded: every version's fields; a version without a field gets its default. */
export interface ListGroupsRequest {
  statesFilter: string[];
  typesFilter: string[];
}

/** ListGroups response: fields with a default may be left out (each version writes only its own fields). */
export interface ListGroupsResponse {
  throttleTimeMs?: number;
  errorCode: number;
  groups: {
    groupId: string;
    protocolType: string;
    groupState?: string;
    groupType?: string;
  }[];
}
