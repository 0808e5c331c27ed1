import { createHash } from 'node:crypto';

/**
 * The file a preview just parsed, kept so that the import which follows does not parse the
 * same bytes again (a 50,000-row workbook takes seconds). One entry; dropped on lock.
 */
export class ParsedFileCache {
  private entry: { key: string; value: unknown } | null = null;

  async get<T>(fileName: string, contentBase64: string, parse: () => Promise<T>): Promise<T> {
    const key = `${fileName}\0${createHash('sha256').update(contentBase64).digest('hex')}`;
    if (this.entry?.key === key) return this.entry.value as T;
    const value = await parse();
    this.entry = { key, value };
    return value;
  }

  clear(): void {
    this.entry = null;
  }
}
