import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, setLanguage, type Language } from '../i18n';
import { useEffect, useState } from 'react';

/** 简体中文 / English; the choice is kept in localStorage on this computer. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' | 'large' }) {
  const { t, i18n } = useTranslation();
  const [value, setValue] = useState<Language>(currentLanguage());
  useEffect(() => setValue(currentLanguage()), [i18n.language]);
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('language.label')}
      value={value}
      options={LANGUAGES.map((language) => ({ value: language, label: <span lang={language}>{t(`language.${language}`)}</span> }))}
      onChange={(language) => {
        setValue(language);
        void setLanguage(language);
      }}
    />
  );
}
