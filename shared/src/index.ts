export * from './logger.ts';
export * from './config/index.ts';
export * from "./kafka.ts";
