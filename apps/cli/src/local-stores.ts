import { loadConfig, openStores } from '@mamori/server';

type Stores = Awaited<ReturnType<typeof openStores>>;

/**
 * verify, backup and restore work on the data dir directly; while `mamori serve` holds it (DuckDB allows
 * one writer process), they go through the server's API instead. Returns undefined in that case.
 */
export async function withLocalStores<T>(work: (stores: Stores, dataDir: string) => Promise<T>): Promise<T | undefined> {
  const config = loadConfig();
  let stores: Stores;
  try {
    stores = await openStores(config.dataDir);
  } catch (err) {
    if (/lock/i.test((err as Error).message)) return undefined;
    throw err;
  }
  try {
    return await work(stores, config.dataDir);
  } finally {
    await stores.events.close();
    await stores.control.close();
  }
}
