/**
 * screening: one source for the names of screening items and UPI categories, so a page never
 * calls the same item by two names (自杀意念 on one page, 自杀念头 on another). Same keys in
 * screening.en.ts. Use the helpers in src-renderer/components/census/labels.ts.
 */
export const screeningZhCN = {
  /** What a critical item asks about, by flag code. */
  items: {
    UPI_ITEM25: '自杀意念',
    SCL90_ITEM15: '自杀意念',
    SCL90_ITEM59: '想到死亡',
    SCL90_ITEM63: '伤害他人的冲动',
    PHQ9_ITEM9: '死亡或自伤念头',
    PHQA_ITEM9: '死亡或自伤念头',
    PHQA_PAST_MONTH_THOUGHTS: '近一个月想过结束生命',
    PHQA_LIFETIME_ATTEMPT: '曾有自杀尝试',
    SDS_ITEM19: '消极死亡愿望',
  },
  /** An item with its instrument and number: UPI 第25题（自杀意念）. */
  itemRef: '{{instrument}} 第{{item}}题（{{name}}）',
  itemNumber: '{{instrument}} 第{{item}}题',
  instrumentFinding: '{{instrument}}：{{name}}',
  upiCategory: {
    '1': '一类',
    '2': '二类',
    '3': '三类',
    undetermined: '类别未定',
  },
  /** UPI 一类 / UPI 二类 / UPI 类别未定 */
  upiCategoryOf: 'UPI {{category}}',
  scl90Positive: 'SCL-90 筛查阳性',
  criticalItem: '危急条目',
};
