export * from './logger.ts';
export * from './config/index.ts';
