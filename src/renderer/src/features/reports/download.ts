import { downloadText } from '../family-list/csv';

/** A file the core made (base64) handed to the browser's download — in the app, Electron asks where to save it. */
export function downloadBase64(fileName: string, base64: string, mime: string): void {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  downloadText(fileName, bytes, mime);
}
