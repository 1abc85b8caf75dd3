/**
 * Sandboxed preload: exposes exactly `call(method, input)` and
 * `on(event, listener)`. Bundled into one file with no run-time imports but
 * electron itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { PreloadApi } from '../shared/rpc/transport';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../shared/rpc/transport';

const api: PreloadApi = {
  call: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, { method, input }),
  on: (event, listener) => {
    const handler = (_e: unknown, message: { event?: unknown; payload?: unknown }) => {
      if (message?.event === event) listener(message.payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('m3', api);
