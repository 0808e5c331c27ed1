import { describe, expect, it } from 'vitest';
import i18n from '../../src-renderer/i18n';
import { concernWords, consentLines } from '../../src-renderer/components/cases/intake-words';

// The case page and the printout say the intake's consent and concerns with the same reading of the record.
describe('intake words', () => {
  const minor = {
    consentedBy: '张三',
    consentedAt: '2026-03-01T02:00:00.000Z',
    minor: true,
    guardianName: '张父',
    guardianRelation: '父亲',
    guardianConsentedAt: '2026-03-01T03:00:00.000Z',
  };

  it("names the guardian's consent for a minor only, in the page's and the printout's words", async () => {
    await i18n.changeLanguage('zh-CN');
    const [page, pageGuardian] = consentLines(minor, i18n.t, 'cases.intakeSummary');
    expect(page).toContain('张三');
    expect(page).toContain('保密例外');
    expect(pageGuardian).toContain('张父（父亲）');
    const [printed, printedGuardian] = consentLines(minor, i18n.t, 'printing.values');
    expect(printed).toContain('张三');
    expect(printed).not.toContain('保密例外');
    expect(printedGuardian).toContain('张父（父亲）');
    expect(consentLines({ ...minor, minor: false }, i18n.t, 'printing.values')[1]).toBeNull();
    // An older record without the fields still reads, with a dash for who.
    expect(consentLines({}, i18n.t, 'cases.intakeSummary')[0]).toContain('—');
  });

  it("says the concerns in words, 'other' with what was written, in English too", async () => {
    await i18n.changeLanguage('en');
    const words = concernWords({ concerns: ['other', 'unknown_code'], otherConcern: 'sleep' }, i18n.t);
    expect(words[0]).toMatch(/（sleep）$/);
    expect(words[0]).not.toContain('cases.');
    expect(words[1]).toBe('unknown_code');
    await i18n.changeLanguage('zh-CN');
  });
});
