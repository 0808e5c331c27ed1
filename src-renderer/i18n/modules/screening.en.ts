/** screening: English. Same keys as screening.zh-CN.ts. */
export const screeningEn = {
  items: {
    UPI_ITEM25: 'suicidal ideation',
    SCL90_ITEM15: 'suicidal ideation',
    SCL90_ITEM59: 'thoughts of death',
    SCL90_ITEM63: 'urges to harm others',
    PHQ9_ITEM9: 'thoughts of death or self-harm',
    PHQA_ITEM9: 'thoughts of death or self-harm',
    PHQA_PAST_MONTH_THOUGHTS: 'thought of ending life in the past month',
    PHQA_LIFETIME_ATTEMPT: 'past suicide attempt',
    SDS_ITEM19: 'passive death wish',
  },
  itemRef: '{{instrument}} item {{item}} ({{name}})',
  itemNumber: '{{instrument}} item {{item}}',
  instrumentFinding: '{{instrument}}: {{name}}',
  upiCategory: {
    '1': 'category 1',
    '2': 'category 2',
    '3': 'category 3',
    undetermined: 'category undetermined',
  },
  upiCategoryOf: 'UPI {{category}}',
  scl90Positive: 'SCL-90 screen-positive',
  criticalItem: 'Critical item',
};
