/** Seed stories told as v2 updates: fixtures for tests, the demo wire and examples. */
export * from './kazakhstan.ts';
export * as kazakhstanActors from './kazakhstan-actors.ts';
