import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RpcResult } from '../../shared/errors';
import { contract } from '../../shared/rpc/contract';
import type { Logger } from './log';
import { createFileLogger } from './log';
import { createDispatcher } from './rpc/dispatcher';
import { Registry } from './rpc/registry';
import { registerSessionApp } from './session/app';
import { CoreState } from './state';
import { registerUiApp } from './ui/app';

export interface CoreOptions {
  /** Folder for the database, key slots, backups and logs. */
  dataDir: string;
  log?: Logger;
}

export type CoreEventListener = (event: string, payload?: unknown) => void;

export interface Core {
  call(method: string, input: unknown): Promise<RpcResult<unknown>>;
  onEvent(listener: CoreEventListener): () => void;
  close(): Promise<void>;
}

/**
 * Builds the application core: plain Node, no Electron. The same function
 * runs in Electron's utilityProcess, in the test bridge's child process and
 * inside vitest.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? createFileLogger(join(options.dataDir, 'logs'));
  const state = new CoreState(options.dataDir);
  const listeners = new Set<CoreEventListener>();

  const registry = new Registry(contract);
  const emit = (event: string, payload?: unknown) => listeners.forEach((listener) => listener(event, payload));
  registerSessionApp(registry, state);
  registerUiApp(registry, options.dataDir, emit);
  registry.assertComplete();

  const dispatch = createDispatcher({ registry, getSession: () => state.session, log });
  log.info('core_started');

  return {
    call: dispatch,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      state.session = null;
      listeners.clear();
      log.info('core_closed');
    },
  };
}
