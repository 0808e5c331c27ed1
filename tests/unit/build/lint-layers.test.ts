import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.mjs catch what they are for: each case is a one-line file placed
 * in a layer, linted with the project's configuration, and must be refused (or allowed).
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const x = 1;\n`, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the linter enforces the layers', () => {
  it.each([
    ['src-shared/contract/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src-shared/contract/x.ts', "import { app } from 'electron';"],
    ['src-shared/labels/x.ts', "import { useState } from 'react';"],
    ['src-shared/labels/x.ts', "import { Core } from '../../src-main/core/core';"],
    ['src-shared/x.ts', "import { App } from '../src-renderer/App';"],
    ['src-main/core/crisis/x.ts', "import { app } from 'electron';"],
    ['src-main/core/crisis/x.ts', "import { handleInvoke } from '../../electron/guards';"],
    ['src-main/core/x.ts', "import { App } from '../../src-renderer/App';"],
    ['src-renderer/screens/x.tsx', "import { Core } from '../../src-main/core/core';"],
    ['src-renderer/screens/x.tsx', "import { join } from 'node:path';"],
    ['src-main/electron/x.ts', "import { createCase } from '../core/cases/case-service';"],
    ['src-main/browser-shell/x.ts', "import Database from 'better-sqlite3';"],
  ])('refuses in %s: %s', async (file, source) => {
    expect(await importErrors(file, source)).not.toEqual([]);
  });

  it.each([
    ['src-shared/contract/x.ts', "import { z } from 'zod';"],
    ['src-main/core/crisis/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src-renderer/screens/x.tsx', "import { channels } from '../../src-shared/contract';"],
    ['src-main/electron/x.ts', "import { CoreClient } from '../core/worker/core-client';"],
  ])('allows in %s: %s', async (file, source) => {
    expect(await importErrors(file, source)).toEqual([]);
  });
});
