export { loadConfig, configSchema, ConfigError, type MamoriConfig } from './config/config.ts';
export { startServer, openStores, readAdminToken, ADMIN_TOKEN_FILE, type RunningServer } from './server.ts';
export { backupData, restoreData } from './modules/system/backup.ts';
export { CONTROL_FILE } from './modules/system/backup.ts';
export { openControlStore } from './stores/control/control-store.ts';
export { AuditLog } from './modules/audit/audit-log.ts';
