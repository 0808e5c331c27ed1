import { MAX_IMPORT_FILE_BYTES } from '../../../src-shared/contract';

/** The result files the core reads: Excel 2007+ and CSV (UTF-8, UTF-8 with BOM, or GBK). */
export const CENSUS_EXTENSIONS = ['.xlsx', '.csv'] as const;
export const MAX_CENSUS_MEGABYTES = Math.round(MAX_IMPORT_FILE_BYTES / (1024 * 1024));

/** Why a chosen file cannot be sent, before reading it: not .xlsx/.csv, or over the contract's limit. */
export function censusFileProblem(file: { name: string; size: number }): 'wrongType' | 'tooLarge' | null {
  const lower = file.name.toLowerCase();
  if (!CENSUS_EXTENSIONS.some((extension) => lower.endsWith(extension))) return 'wrongType';
  if (file.size > MAX_IMPORT_FILE_BYTES) return 'tooLarge';
  return null;
}

/** The file's bytes as base64 (how files travel over IPC), without the data-URL prefix. */
export function fileToBase64(file: Blob): Promise<string> {
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

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves base64 bytes through the browser's download (a Blob URL, released afterwards). Nothing leaves the PC. */
export function downloadBase64(base64: string, fileName: string, type = XLSX_TYPE): void {
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

/** A job id that the core's `job.progress` events carry back, so this window follows only its own job. */
export function newCensusJobId(): string {
  const crypto = globalThis.crypto;
  if (crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
