import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { ipcMain } from 'electron';
import { z } from 'zod';
import { fail, type RpcResult } from '../shared/errors';
import { IPC_CALL_CHANNEL } from '../shared/rpc/transport';
import { isAppUrl } from './security';

const requestSchema = z.object({ method: z.string().max(100), input: z.unknown() }).strict();

/**
 * The one IPC channel. A call is relayed to the core only when it comes from
 * our own window's main frame showing our own page; the core then checks the
 * method, the session, the role and the input.
 */
export function registerIpc(
  getWindow: () => BrowserWindow | null,
  relay: (method: string, input: unknown) => Promise<RpcResult<unknown>>,
): void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, request: unknown) => {
    if (!isTrustedSender(event, getWindow())) return fail('FORBIDDEN', 'errors:untrusted_sender');
    const parsed = requestSchema.safeParse(request);
    if (!parsed.success) return fail('VALIDATION', 'errors:bad_request');
    return relay(parsed.data.method, parsed.data.input);
  });
}

function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  return (
    event.sender === window.webContents &&
    frame !== null &&
    frame === window.webContents.mainFrame &&
    isAppUrl(frame.url)
  );
}
