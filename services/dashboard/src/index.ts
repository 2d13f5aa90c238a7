export { createDashboardHandler, contentSecurityPolicy, type DashboardHandler, type DashboardHandlerOptions } from './handler.ts';
export { build, loadBundle, writeBundle, type Asset, type AssetBundle, type BuildOptions } from './build.ts';
