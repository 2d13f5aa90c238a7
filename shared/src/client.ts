/** `@newswire/shared/client`: the browser-safe client SDK (see client/index.ts). */
export * from './client/index.ts';
