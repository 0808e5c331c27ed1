/** calendar: Simplified Chinese. Same keys in calendar.en.ts. `errors` holds the reasons the calendar core sends. */
export const calendarZhCN = {
  title: '预约',
  errors: {},
};
