import { describe, expect, it } from 'vitest';
import { NOTE_TOPICS } from '../../../src-shared/contract/notes';
import { NOTE_TOPIC_LABELS, NOTE_TOPIC_SYNONYMS, noteTopicLabel } from '../../../src-shared/labels/note-topic-labels';
import { draftInput, notesWorld } from './notes-fixture';
import { expectError, expectOk } from './helpers';

describe("session notes: the plan's counseling topics", () => {
  it('the six topics of the plan and 其他 (last) have labels in both languages', () => {
    expect(NOTE_TOPICS.map((key) => noteTopicLabel(key, 'zh-CN'))).toEqual(['学习适应', '情绪调节', '人际交往', '压力应对', '生涯规划', '情感问题', '其他']);
    for (const key of NOTE_TOPICS) expect(NOTE_TOPIC_LABELS[key][1]).toMatch(/^[A-Z][a-z ]+$/);
    // Every topic but 其他 is found from its own label, so an old note tagged 情绪调节 maps onto it.
    for (const [key, words] of Object.entries(NOTE_TOPIC_SYNONYMS)) expect(words).toContain(noteTopicLabel(key, 'zh-CN'));
  });

  it('a draft may lack a topic; signing needs one, and 其他 needs its words', async () => {
    const { core, kase, as } = await notesWorld();
    await as('wang.zx');
    // A caller written before the topics (no topicCategories) still creates a draft.
    const { topicCategories: _omitted, ...oldStyle } = draftInput(kase.id);
    const draft = expectOk(await core.call('notes.create', oldStyle));
    expect(draft).toMatchObject({ topicCategories: [], topicOther: null, topics: ['适应', '睡眠'] });
    expectError(await core.call('notes.sign', { id: draft.id }), 'CONFLICT', 'noteTopicRequired');
    expect(expectOk(await core.call('notes.get', { id: draft.id })).status).toBe('draft');

    const other = expectOk(await core.call('notes.update', { id: draft.id, topicCategories: ['other'] }));
    expect(other.topicCategories).toEqual(['other']);
    expectError(await core.call('notes.sign', { id: draft.id }), 'CONFLICT', 'noteTopicOtherRequired');
    expectOk(await core.call('notes.update', { id: draft.id, topicOther: '  睡眠与作息  ' }));
    const signed = expectOk(await core.call('notes.sign', { id: draft.id }));
    expect(signed).toMatchObject({ status: 'signed', topicCategories: ['other'], topicOther: '睡眠与作息', topics: ['适应', '睡眠'] });
    // Locked: the topics cannot change any more.
    expectError(await core.call('notes.update', { id: draft.id, topicCategories: ['stress_coping'] }), 'CONFLICT', 'noteLocked');
  });

  it('keeps each topic once in the plan order, drops the 其他 words without 其他, and refuses unknown keys', async () => {
    const { core, kase, as } = await notesWorld();
    await as('wang.zx');
    const note = expectOk(
      await core.call(
        'notes.create',
        draftInput(kase.id, { topicCategories: ['stress_coping', 'academic_adjustment', 'stress_coping'], topicOther: '不该保留' }),
      ),
    );
    expect(note).toMatchObject({ topicCategories: ['academic_adjustment', 'stress_coping'], topicOther: null });
    const withOther = expectOk(await core.call('notes.update', { id: note.id, topicCategories: ['other', 'interpersonal'], topicOther: '家庭关系' }));
    expect(withOther).toMatchObject({ topicCategories: ['interpersonal', 'other'], topicOther: '家庭关系' });
    // Leaving 其他 drops its words; changing only the tags keeps the topics as they are.
    expect(expectOk(await core.call('notes.update', { id: note.id, topics: ['宿舍'] }))).toMatchObject({
      topicCategories: ['interpersonal', 'other'],
      topicOther: '家庭关系',
    });
    expect(expectOk(await core.call('notes.update', { id: note.id, topicCategories: ['interpersonal'] }))).toMatchObject({
      topicCategories: ['interpersonal'],
      topicOther: null,
    });

    expectError(await core.call('notes.update', { id: note.id, topicCategories: ['情绪'] }), 'VALIDATION');
    expectError(await core.call('notes.create', draftInput(kase.id, { topicCategories: ['emotion'] })), 'VALIDATION');
    expectError(await core.call('notes.update', { id: note.id, topicOther: 'x'.repeat(65) }), 'VALIDATION');
    expect(expectOk(await core.call('notes.get', { id: note.id })).topicCategories).toEqual(['interpersonal']);
  });
});
