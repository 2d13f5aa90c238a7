export * from './logger.ts';
export * from './config/index.ts';
export * from "./kafka.ts";
export * from './schema/index.ts';
export * from './protocol/index.ts';
