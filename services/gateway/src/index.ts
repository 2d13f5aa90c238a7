export { startGateway, GATEWAY_VERSION, type RunningGateway } from './server.ts';
export { DEFAULT_LIMITS, type GatewayLimits, type GatewayOptions, type GatewayAuthOptions } from './options.ts';
export { gatewayOptionsFromConfig } from './from-config.ts';
