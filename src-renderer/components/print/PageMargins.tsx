import { useTranslation } from 'react-i18next';

/** A fixed bilingual marking, like a stamp: the same in every interface language. */
export const CONFIDENTIAL_MARK = '机密 / Confidential';

/** Text as a CSS string literal: quotes, backslashes and line breaks escaped, nothing else interpreted. */
export function cssString(text: string): string {
  return `"${text
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\n\r\f]/g, ' ')
    .replace(/</g, '\\3c ')}"`;
}

const PAGE = '⟦page⟧';
const PAGES = '⟦pages⟧';

/** "第 {{page}} 页 / 共 {{pages}} 页" as CSS content: the text in strings, the numbers as counters. */
export function pageNumberContent(text: string): string {
  return text
    .split(/(⟦pages?⟧)/)
    .filter((part) => part !== '')
    .map((part) => (part === PAGE ? 'counter(page)' : part === PAGES ? 'counter(pages)' : cssString(part)))
    .join(' ');
}

/**
 * The page's margin boxes on every printed page: the confidentiality mark and who printed it
 * when at the top, the page number of the total at the bottom. Chromium draws CSS @page margin
 * boxes in print, print-to-PDF and headless page.pdf(); the text varies per printout, so it is
 * written into a style element that exists only while the document is shown.
 */
export function PageMargins({ printedBy, printedAt, reference }: { printedBy: string; printedAt: string; reference: string }) {
  const { t } = useTranslation();
  const small = 'font-size: 8.5pt; font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; color: #000;';
  const css = `@page {
  size: A4;
  margin: 20mm 16mm 18mm;
  @top-left { content: ${cssString(CONFIDENTIAL_MARK)}; font-weight: 700; ${small} font-size: 10pt; vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(t('printing.printedBy', { who: printedBy, when: printedAt, interpolation: { escapeValue: false } }))}; ${small} vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { content: ${cssString(reference)}; ${small} vertical-align: top; padding-top: 3mm; }
  @bottom-right { content: ${pageNumberContent(t('printing.pageNumber', { page: PAGE, pages: PAGES, interpolation: { escapeValue: false } }))}; ${small} vertical-align: top; padding-top: 3mm; }
}`;
  return <style data-testid="print-page-margins">{css}</style>;
}
