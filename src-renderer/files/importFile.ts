import { MAX_IMPORT_FILE_BYTES } from '../../src-shared/contract';

/** The files the imports read: Excel 2007+ and CSV (UTF-8, UTF-8 with BOM, or GBK). */
export const IMPORT_EXTENSIONS = ['.xlsx', '.csv'] as const;
export const MAX_IMPORT_MEGABYTES = Math.round(MAX_IMPORT_FILE_BYTES / (1024 * 1024));

export type FileProblem = 'wrongType' | 'tooLarge';

/** Why a chosen file cannot be sent, before reading it: not .xlsx/.csv, or over the contract's limit. */
export function fileProblem(file: { name: string; size: number }): FileProblem | null {
  const lower = file.name.toLowerCase();
  if (!IMPORT_EXTENSIONS.some((extension) => lower.endsWith(extension))) return 'wrongType';
  if (file.size > MAX_IMPORT_FILE_BYTES) return 'tooLarge';
  return null;
}

/** The file's bytes as base64 (how files travel over IPC), without the data-URL prefix. */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.readAsDataURL(file);
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves base64 bytes as a file through the browser's download (a Blob URL, released afterwards). */
export function saveBase64File(base64: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A job id the core's progress events carry back, so this window only follows its own job. */
export function newJobId(): string {
  const crypto = globalThis.crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
