import { useTranslation } from 'react-i18next';
import type { PrintedCase } from '../../../src-shared/contract/print';
import { noteTopicLabel, topicLanguage, type TopicLanguage } from '../../../src-shared/labels/note-topic-labels';
import { noteSectionLabel } from '../../../src-shared/labels/builtin-words';
import { localTime } from '../../../src-shared/labels/local-time';
import { concernWords, consentLines } from '../cases/intake-words';

/** 情绪调节、其他（睡眠）: the plan's topics in words, 其他 with its own words. */
function printedTopics(note: { topicCategories: string[]; topicOther: string | null }, lang: TopicLanguage): string {
  return note.topicCategories
    .map((key) => (key === 'other' && note.topicOther ? `${noteTopicLabel(key, lang)}（${note.topicOther}）` : noteTopicLabel(key, lang)))
    .join('、');
}

type Sections = { id: string; label: string }[];

/** Body sections in the template's order, then any the template no longer has (older notes). */
function orderedSections(body: Record<string, string>, sections: Sections): { id: string; label: string; text: string }[] {
  const known = sections.filter((s) => body[s.id]?.trim()).map((s) => ({ ...s, text: body[s.id] }));
  const extra = Object.keys(body)
    .filter((id) => !sections.some((s) => s.id === id) && body[id]?.trim())
    .map((id) => ({ id, label: id, text: body[id] }));
  return [...known, ...extra];
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <tr>
      <th>{label}</th>
      <td>{children}</td>
    </tr>
  );
}

/** One case in a printout: its header always; intake, signed notes, addenda and closing when the printer may read them. */
export function PrintedCaseSection({ kase, sections, headingLevel = 'h3' }: { kase: PrintedCase; sections: Sections; headingLevel?: 'h2' | 'h3' }) {
  const { t, i18n } = useTranslation();
  const Heading = headingLevel;
  const intake = kase.intake;
  return (
    <section className="cfp-case" data-testid={`printed-case-${kase.caseNo}`}>
      <Heading>{`${t('printing.fields.caseNo')} ${kase.caseNo}`}</Heading>
      <table className="cfp-table">
        <tbody>
          <Row label={t('printing.fields.counselor')}>{kase.counselor.displayName}</Row>
          <Row
            label={t('printing.fields.status')}
          >{`${t(`cases.status.${kase.status}`)}　${t('printing.fields.risk')}：${t(`cases.risk.${kase.riskLevel}`)}`}</Row>
          <Row
            label={t('printing.fields.openedAt')}
          >{`${localTime(kase.openedAt)}${kase.closedAt ? `　${t('printing.fields.closedAt')}：${localTime(kase.closedAt)}` : ''}`}</Row>
        </tbody>
      </table>
      {kase.content === 'restricted' ? <p className="cfp-notice">{t('printing.restricted')}</p> : null}
      {kase.content === 'partial' ? <p className="cfp-notice">{t('printing.partial')}</p> : null}

      {intake ? (
        <>
          <h3>{t('printing.sections.intake')}</h3>
          <table className="cfp-table">
            <tbody>
              <Row label={t('printing.fields.consent')}>{consentLines(intake.consent, t, 'printing.values').filter(Boolean).join('\n')}</Row>
              <Row label={t('printing.fields.concerns')}>{concernWords(intake, t).join('、')}</Row>
              <Row label={t('printing.fields.history')}>{intake.history ?? '—'}</Row>
              <Row label={t('printing.fields.impression')}>{intake.impression ?? '—'}</Row>
              <Row label={t('printing.fields.disposition')}>{t(`cases.dispositions.${intake.disposition}`)}</Row>
              <Row label={t('printing.fields.conductedBy')}>
                {t('printing.values.signedLine', { who: intake.conductedBy.displayName, when: localTime(intake.conductedAt) })}
              </Row>
            </tbody>
          </table>
        </>
      ) : null}

      {kase.content !== 'restricted' ? (
        <>
          <h3>{t('printing.sections.notes')}</h3>
          {kase.notes.length === 0 ? <p className="cfp-notice">{t('printing.noNotes')}</p> : null}
          {kase.notes.map((note) => (
            <div className="cfp-note" key={note.id}>
              <div className="cfp-note-head">
                {`${localTime(note.sessionAt)}　${t(`notes.modes.${note.mode}`)}　${t('printing.values.minutes', { minutes: note.minutes })}`}
                {note.topicCategories.length ? `　${t('printing.fields.topics')}：${printedTopics(note, topicLanguage(i18n.language))}` : ''}
                {note.topics.length ? `　${t('printing.fields.tags')}：${note.topics.join('、')}` : ''}
              </div>
              {orderedSections(note.body, sections).map((s) => (
                <div key={s.id}>
                  <span className="cfp-section-label">{noteSectionLabel(s, i18n.language)}：</span>
                  <p className="cfp-text">{s.text}</p>
                </div>
              ))}
              <div>
                {`${t('printing.fields.author')}：${note.author.displayName}　${t('printing.fields.signed')}：${note.signedBy ? t('printing.values.signedLine', { who: note.signedBy.displayName, when: localTime(note.signedAt) }) : '—'}`}
                {note.cosigner && note.cosignedAt
                  ? `　${t('printing.fields.cosigned')}：${t('printing.values.signedLine', { who: note.cosigner.displayName, when: localTime(note.cosignedAt) })}`
                  : ''}
              </div>
              {note.addenda.map((a) => (
                <div className="cfp-addendum" key={a.id}>
                  <span className="cfp-section-label">{`${t('printing.fields.addendum')}（${a.author.displayName}　${localTime(a.createdAt)}）：`}</span>
                  <p className="cfp-text">{a.body}</p>
                </div>
              ))}
            </div>
          ))}
        </>
      ) : null}

      {kase.closingSummary || (kase.content === 'full' && kase.closingReason) ? (
        <>
          <h3>{t('printing.sections.closing')}</h3>
          <table className="cfp-table">
            <tbody>
              <Row label={t('printing.fields.closingReason')}>{kase.closingReason ? t(`cases.closingReasons.${kase.closingReason}`) : '—'}</Row>
              <Row label={t('printing.fields.closingSummary')}>{kase.closingSummary ?? '—'}</Row>
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
