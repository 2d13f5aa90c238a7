/** Seed stories told as structured updates: fixtures for tests, the demo wire and examples. */
export * from './kazakhstan.ts';
