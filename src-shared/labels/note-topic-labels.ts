import type { NoteTopic } from '../contract/notes';

/**
 * The words of the plan's counseling topics, in both languages: the note editor, the note view,
 * the statistics page, the work report and the statistics export all read them from here.
 * Every entry is [简体中文, English].
 */
export type TopicLanguage = 'zh-CN' | 'en';

export const NOTE_TOPIC_LABELS: Record<NoteTopic, readonly [zh: string, en: string]> = {
  academic_adjustment: ['学习适应', 'Academic adjustment'],
  emotion_regulation: ['情绪调节', 'Emotion regulation'],
  interpersonal: ['人际交往', 'Interpersonal relationships'],
  stress_coping: ['压力应对', 'Coping with stress'],
  career_planning: ['生涯规划', 'Career planning'],
  relationships: ['情感问题', 'Romantic relationships'],
  other: ['其他', 'Other'],
};

/** The labels' language for the interface's current language (i18next's code). */
export function topicLanguage(language: string | undefined): TopicLanguage {
  return language?.startsWith('en') ? 'en' : 'zh-CN';
}

export function isNoteTopic(key: string | null | undefined): key is NoteTopic {
  return typeof key === 'string' && Object.hasOwn(NOTE_TOPIC_LABELS, key);
}

/** The label of a topic key; an unknown key is returned as it is (never happens for stored notes). */
export function noteTopicLabel(key: string, lang: TopicLanguage): string {
  const pair = NOTE_TOPIC_LABELS[key as NoteTopic];
  return pair ? pair[lang === 'en' ? 1 : 0] : key;
}

/**
 * Free words counselors used before the plan's list, and the topic each stands for. The migration
 * that introduced the topics (drizzle/0018_note_topics.sql) holds a copy of this table in SQL (plus
 * the English labels and a few English words), frozen as it was applied: a change here does not
 * re-map stored notes. A word matches when it equals one of these (trimmed, ASCII case ignored).
 */
export const NOTE_TOPIC_SYNONYMS: Record<Exclude<NoteTopic, 'other'>, readonly string[]> = {
  academic_adjustment: ['学习适应', '学业', '学习', '学业压力', '学习困难', '适应', '新生适应', '入学适应', '厌学', '考试焦虑'],
  emotion_regulation: ['情绪调节', '情绪', '情绪问题', '情绪困扰', '抑郁', '焦虑', '低落', '情绪低落'],
  interpersonal: ['人际交往', '人际', '人际关系', '宿舍关系', '宿舍矛盾', '室友关系', '同学关系', '社交'],
  stress_coping: ['压力应对', '压力', '压力管理', '应激'],
  career_planning: ['生涯规划', '生涯', '就业', '职业', '职业规划', '升学', '考研', '求职'],
  relationships: ['情感问题', '恋爱', '情感', '失恋', '恋爱关系', '婚恋'],
};
