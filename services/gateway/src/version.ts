/** In the welcome's `server` (newswire-gateway/<version>). 0.2.0: forbidden closes with 4103 (was 4003), error frames carry `temporary`. */
export const GATEWAY_VERSION = '0.2.0';
