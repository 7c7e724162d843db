import assert from 'assert';
import { calendarOf, fiscalLabel, fiscalOf, type FiscalCalendar } from '../src/model/fiscal';

// Fiscal years and quarters as companies count them: 52/53-week years, 12/16-week quarters, years
// named by the calendar year they end in or (a retailer's) the one they begin in.

function labels(cal: FiscalCalendar, cols: [string, number | null, number | null][], style: 'long' | 'short' = 'long'): string[] {
  return cols.map(([end, months, weeks]) => {
    const f = fiscalOf(end, months, weeks, cal);
    return f ? fiscalLabel(f, cal, style) : 'none';
  });
}

describe('model: fiscal calendar', () => {
  it('reads a calendar-year company: Q3 2024, 9M 2024, FY2023', () => {
    const cal = calendarOf('2024-09-30', 9, null, 2024) as FiscalCalendar;
    assert.deepStrictEqual(cal, { endMonth: 12, offset: 0 });
    assert.deepStrictEqual(labels(cal, [['2024-09-30', 3, null], ['2023-09-30', 3, null], ['2024-09-30', 9, null], ['2023-12-31', 12, null]]), ['Q3 2024', 'Q3 2023', '9M 2024', 'FY2023']);
  });

  it('names a year by the calendar year it ends in (a January year end: Q3 FY2025 ends October 27, 2024)', () => {
    const cal = calendarOf('2024-10-27', 9, null, 2025) as FiscalCalendar;
    assert.deepStrictEqual(cal, { endMonth: 1, offset: 0 });
    assert.deepStrictEqual(labels(cal, [['2024-10-27', 3, null], ['2023-10-29', 3, null], ['2024-10-27', 9, null], ['2025-01-26', 12, null]]), ['Q3 FY2025', 'Q3 FY2024', '9M FY2025', 'FY2025']);
    assert.deepStrictEqual(labels(cal, [['2024-10-27', 3, null]], 'short'), ['Q3 FY25']);
  });

  it('keeps a retailer\'s naming by the year the fiscal year begins in (39 weeks to November 2, 2024 is 9M FY2024)', () => {
    const cal = calendarOf('2024-11-02', null, 39, 2024) as FiscalCalendar;
    assert.deepStrictEqual(cal, { endMonth: 1, offset: -1 });
    assert.deepStrictEqual(labels(cal, [['2024-11-02', null, 13], ['2023-10-28', null, 13], ['2024-11-02', null, 39]]), ['Q3 FY2024', 'Q3 FY2023', '9M FY2024']);
  });

  it('counts 12-week quarters and a 16-week fourth quarter in a 52/53-week year ending near August 31', () => {
    const cal = calendarOf('2024-05-12', null, 36, 2024) as FiscalCalendar;
    assert.deepStrictEqual(cal, { endMonth: 8, offset: 0 });
    assert.deepStrictEqual(
      labels(cal, [['2023-11-26', null, 12], ['2024-02-18', null, 12], ['2024-05-12', null, 12], ['2024-09-01', null, 16], ['2024-09-01', null, 52], ['2023-09-03', null, 53], ['2024-05-12', null, 36]]),
      ['Q1 FY2024', 'Q2 FY2024', 'Q3 FY2024', 'Q4 FY2024', 'FY2024', 'FY2023', '9M FY2024'],
    );
  });

  it('reads the year a quarter release implies from the quarter alone, and a fourth quarter from its year', () => {
    assert.deepStrictEqual(calendarOf('2010-12-25', 3, null, 2011), { endMonth: 9, offset: 0 });
    assert.deepStrictEqual(calendarOf('2014-05-31', 12, null, 2014), { endMonth: 5, offset: 0 });
    assert.strictEqual(calendarOf('2014-05-31', null, null, 2014), null);
  });

  it('places no span that reaches back over the year\'s start, and no span longer than a year', () => {
    const cal: FiscalCalendar = { endMonth: 12, offset: 0 };
    assert.deepStrictEqual(labels(cal, [['2024-03-31', 6, null], ['2024-12-31', 24, null], ['2024-12-31', null, null]]), ['none', 'none', 'none']);
  });
});
