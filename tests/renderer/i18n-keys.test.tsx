import { describe, expect, it } from 'vitest';
import i18n, { setLanguage } from '../../src-renderer/i18n';
import { isErrorReason, isTextKey, reasonText, textOr } from '../../src-renderer/i18n/keys';

describe('keys built from data: words or a translated fallback, never a raw key', () => {
  it('reasonText words a known reason, and an unknown one with the generic message of its code', async () => {
    await setLanguage('zh-CN');
    expect(reasonText('studentNotFound')).toBe('找不到该学生，或您无权查看。');
    expect(reasonText('itemOutOfRange', i18n.t, { item: 7 })).toContain('7');
    expect(isErrorReason('noSuchReasonFromANewerCore')).toBe(false);
    expect(reasonText('noSuchReasonFromANewerCore')).toBe(i18n.t('errors.codes.VALIDATION'));
    expect(reasonText(undefined, i18n.t, {}, 'INTERNAL')).toBe(i18n.t('errors.codes.INTERNAL'));
    await setLanguage('en');
    expect(reasonText('noSuchReasonFromANewerCore')).toBe('Some input is not valid. Please check the marked fields.');
    await setLanguage('zh-CN');
  });

  it('textOr gives the text when the key names one, else the fallback', () => {
    expect(isTextKey('training.audiences.peer_counselors')).toBe(true);
    expect(textOr('training.audiences.peer_counselors', '?')).toBe(i18n.t('training.audiences.peer_counselors'));
    expect(isTextKey('training.audiences.nobody')).toBe(false);
    expect(textOr('training.audiences.nobody', '其他')).toBe('其他');
  });
});
