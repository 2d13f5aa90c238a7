// Generated from src/protocol/schema/describe-groups.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** DescribeGroups request, decoded: every version's fields; a version without a field gets its default. */
export interface DescribeGroupsRequest {
  groupIds: string[];
  includeAuthorizedOperations: boolean;
}

/** DescribeGroups response: fields with a default may be left out (each version writes only its own fields). */
export interface DescribeGroupsResponse {
  throttleTimeMs?: number;
  groups: {
    errorCode: number;
    errorMessage?: string | null;
    groupId: string;
    state: string;
    protocolType: string;
    protocol: string;
    members: {
      memberId: string;
      groupInstanceId?: string | null;
      clientId: string;
      clientHost: string;
      metadata: Buffer;
      assignment: Buffer;
    }[];
    authorizedOperations?: number;
  }[];
}
