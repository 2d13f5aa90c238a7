// Generated from src/protocol/schema/find-coordinator.ts by src/protocol/codegen/generate.ts: do not edit.
// Change the schema, then run: node --import tsx services/broker/src/protocol/codegen/generate.ts
/** FindCoordinator request, decoded: every version's fields; a version without a field gets its default. */
export interface FindCoordinatorRequest {
  key: string;
  keyType: number;
  coordinatorKeys: string[];
}

/** FindCoordinator response: fields with a default may be left out (each version writes only its own fields). */
export interface FindCoordinatorResponse {
  throttleTimeMs?: number;
  errorCode?: number;
  errorMessage?: string | null;
  nodeId?: number;
  host?: string;
  port?: number;
  coordinators?: {
    key: string;
    nodeId: number;
    host: string;
    port: number;
    errorCode: number;
    errorMessage?: string | null;
  }[];
}
