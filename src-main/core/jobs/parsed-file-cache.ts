import { createHash } from 'node:crypto';

/**
 * The file a preview just parsed, kept so that the import which follows does not parse the
 * same bytes again (a 50,000-row workbook takes seconds). One entry; dropped on lock.
 */
export class ParsedFileCache {
  private entry: { key: string; value: unknown } | null = null;

  async get<T>(fileName: string, contentBase64: string, parse: () => Promise<T>): Promise<T> {
    const key = keyOf(fileName, contentBase64);
    if (this.entry?.key === key) return this.entry.value as T;
    const value = await parse();
    this.entry = { key, value };
    return value;
  }

  /**
   * For the import itself: the preview's parse when there was one, else a fresh one, and either
   * way not kept. Every cell of the file would otherwise stay alive through the import's writes
   * and after them (issue 19 goal 3: the import's peak is in its writes).
   */
  async take<T>(fileName: string, contentBase64: string, parse: () => Promise<T>): Promise<T> {
    const key = keyOf(fileName, contentBase64);
    const cached = this.entry?.key === key ? (this.entry.value as T) : undefined;
    this.entry = null;
    return cached ?? parse();
  }

  clear(): void {
    this.entry = null;
  }
}

function keyOf(fileName: string, contentBase64: string): string {
  return `${fileName}\0${createHash('sha256').update(contentBase64).digest('hex')}`;
}
