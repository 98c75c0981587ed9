import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { recognizeDates, statedPublicationDate, type DateOptions } from '../../server/src/core/dates';
import type { DateMention } from '../../server/src/core/model';
import { CancelledError, type CancellationToken } from '../../server/src/core/types';

/**
 * The mentions as "text=value" ("?" when unresolved), after checking that each one's offsets point at
 * its text and that the list is sorted and free of overlaps.
 */
function dates(text: string, published?: string): string[] {
  const options: DateOptions = published === undefined ? {} : { published };
  const mentions = recognizeDates(text, options);
  assertWellFormed(text, mentions);
  return mentions.map((mention) => `${mention.text}=${mention.value ?? '?'}`);
}

function assertWellFormed(text: string, mentions: readonly DateMention[]): void {
  let previousEnd = 0;
  for (const mention of mentions) {
    assert.ok(mention.start >= previousEnd && mention.start < mention.end && mention.end <= text.length, `bad span ${JSON.stringify(mention)}`);
    assert.equal(text.slice(mention.start, mention.end), mention.text);
    if (mention.value !== undefined) assertCalendarValue(mention.value);
    previousEnd = mention.end;
  }
}

/** ISO YYYY, YYYY-MM, YYYY-MM-DD or START/END, every part on the calendar. */
function assertCalendarValue(value: string): void {
  for (const part of value.split('/')) {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(part);
    assert.ok(match, `not ISO: ${value}`);
    const [, y, m = '01', d = '01'] = match;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    assert.equal(date.toISOString().slice(0, 10), `${y}-${m}-${d}`, `not on the calendar: ${value}`);
  }
}

/** Runs [text, expected] rows, each as its own check, reporting the row that fails. */
function table(rows: ReadonlyArray<readonly [string, readonly string[]]>, published?: string): void {
  for (const [text, expected] of rows) assert.deepEqual(dates(text, published), expected, `in ${JSON.stringify(text)}`);
}

function only(text: string, published?: string): DateMention {
  const mentions = recognizeDates(text, published === undefined ? {} : { published });
  assert.equal(mentions.length, 1, `expected one date in ${JSON.stringify(text)}, got ${JSON.stringify(mentions)}`);
  return mentions[0];
}

describe('recognizeDates', () => {
  describe('full dates', () => {
    it('reads month-first dates with or without weekday, comma, abbreviation or ordinal', () => {
      table([
        ['Talks opened on December 6, 2022, in Vienna.', ['December 6, 2022=2022-12-06']],
        ['Talks opened on Dec. 6, 2022 in Vienna.', ['Dec. 6, 2022=2022-12-06']],
        ['Talks opened on Dec 6 2022 in Vienna.', ['Dec 6 2022=2022-12-06']],
        ['The accord of Sept. 11, 2001 still stands.', ['Sept. 11, 2001=2001-09-11']],
        ['It was signed December 6th, 2022.', ['December 6th, 2022=2022-12-06']],
        ['It was signed on January 29,2023 at noon.', ['January 29,2023=2023-01-29']],
        ['The summit opened on Friday, December 6, 2022, in Rome.', ['Friday, December 6, 2022=2022-12-06']],
        ['The summit opened Tuesday 7 March 2023 in Rome.', ['Tuesday 7 March 2023=2023-03-07']],
      ]);
    });

    it('reads day-first dates', () => {
      table([
        ['Seoul, South Korea, 25 March 2021 (Photo: Pool).', ['25 March 2021=2021-03-25']],
        ['On 6 Dec. 2022 the envoy left.', ['6 Dec. 2022=2022-12-06']],
        ['On the 6th of December 2022 the envoy left.', ['6th of December 2022=2022-12-06']],
        ['On 6 December, 2022 the envoy left.', ['6 December, 2022=2022-12-06']],
      ]);
    });

    it('reads numeric dates: ISO as written, dotted and slashed ones day first', () => {
      table([
        ['Published 2024-06-20 by the ministry.', ['2024-06-20=2024-06-20']],
        ['Published 2024/06/20 by the ministry.', ['2024/06/20=2024-06-20']],
        ['Updated 2024-06-20T10:30 after review.', ['2024-06-20=2024-06-20']],
        ['(Access Date: 06.02.2024).', ['06.02.2024=2024-02-06']],
        ['(Accessed 6.2.2024)', ['6.2.2024=2024-02-06']],
        ['Filed 06/02/2024 and 06-02-2024.', ['06/02/2024=2024-02-06', '06-02-2024=2024-02-06']],
        ['Filed 13.02.2024.', ['13.02.2024=2024-02-13']],
        // Only the month-first reading is a date.
        ['Filed 12/25/2024.', ['12/25/2024=2024-12-25']],
      ]);
    });

    it('flags numeric dates whose reading depends on the day-month convention', () => {
      assert.equal(only('Access Date: 06.02.2024').ambiguous, true);
      assert.equal(only('Signed 6/2/2024.').ambiguous, true);
      assert.equal(only('Signed 13.02.2024.').ambiguous, false);
      assert.equal(only('Signed 12/25/2024.').ambiguous, false);
      assert.equal(only('Signed 05.05.2024.').ambiguous, false);
      assert.equal(only('Signed 2024-02-06.').ambiguous, false);
      assert.equal(only('Signed December 6, 2022.').ambiguous, false);
    });

    it('gives day precision and no relative flag to written full dates', () => {
      assert.deepEqual(only('It ended on September 13, 2023. Photo: Kremlin'), {
        start: 12,
        end: 30,
        text: 'September 13, 2023',
        value: '2023-09-13',
        precision: 'day',
        relative: false,
        ambiguous: false,
      });
    });
  });

  describe('months', () => {
    it('reads a month with its year', () => {
      table([
        ['In December 2022, Seoul published its strategy.', ['December 2022=2022-12']],
        ['It began in August of 2022.', ['August of 2022=2022-08']],
        ['It began in Dec 2022.', ['Dec 2022=2022-12']],
        ['It began in Sept. 2022.', ['Sept. 2022=2022-09']],
        ['The May 2023 elections changed little.', ['May 2023=2023-05']],
        ['In late March 2021, Lavrov visited Seoul.', ['late March 2021=2021-03']],
        ['Markets fell in mid-March 2020.', ['mid-March 2020=2020-03']],
      ]);
      assert.equal(only('In December 2022, Seoul acted.').precision, 'month');
    });

    it('reads month names in capitals, as datelines and headings write them, but not one alone', () => {
      table(
        [
          ['SEOUL, FEBRUARY 6, 2024 — Officials met.', ['FEBRUARY 6, 2024=2024-02-06']],
          ['UPDATED 6 FEBRUARY 2024', ['6 FEBRUARY 2024=2024-02-06']],
          ['SEOUL, FEB. 6 (Yonhap)', ['FEB. 6=2024-02-06']],
          ['THE MARCH 2023 SUMMIT', ['MARCH 2023=2023-03']],
          ['WHAT MAY COME NEXT', []],
          ['THE MARCH ON THE CAPITAL', []],
          ['FROM JUNE ON', []],
        ],
        '2024-02-05',
      );
    });

    it('takes a capitalised month name alone only where context makes it a date', () => {
      table(
        [
          ['It was reported in December that Seoul lent shells.', ['December=2023-12']],
          ['Prices have risen since June.', ['June=2023-06']],
          ['Talks are due by March.', ['March=2024-03']],
          ['It lasted until the end of May.', ['May=2024-05']],
          ['Talks resumed in early June.', ['early June=2024-06']],
          ['Talks resumed in mid-April.', ['mid-April=2024-04']],
          ['Troops left in June and July.', ['June=2024-06', 'July=2024-07']],
          // A verb, a name, a noun or a label, not a date.
          ['Protesters may march on the capital.', []],
          ['March on, the general said.', []],
          ['The March Revolution is remembered.', []],
          ['April Smith and June Lee wrote the report.', []],
          ['May the talks succeed.', []],
          ['In May’s speech she said little.', []],
          ['In Jan he said nothing.', []],
        ],
        '2024-02-05',
      );
    });
  });

  describe('years', () => {
    it('takes a lone year after a word that introduces one', () => {
      table([
        ['The centre opened in 2012.', ['2012=2012']],
        ['Ties have been tense since 1990 and worse lately.', ['1990=1990']],
        ['Iran’s Iraq Policy after 1990', ['1990=1990']],
        ['It goes back to 1990 when the Soviet Union opened ties.', ['1990=1990']],
        ['Throughout 2020, Russia doubled down.', ['2020=2020']],
        ['During 2019 nothing moved.', ['2019=2019']],
        ['Leaders attended the 2023 NATO Summit in Vilnius.', ['2023=2023']],
        ['The 2022 elections changed little.', ['2022=2022']],
        ['Its 2023 budget grew.', ['2023=2023']],
        ['Russia’s 2014 annexation and Putin\'s 2007 speech.', ['2014=2014', '2007=2007']],
        ['UNSC Resolution 1718 (2006) applies.', ['2006=2006']],
        ['The report dates from c. 1990 onwards.', ['1990=1990']],
        ['Summits in Madrid in 2022 and Vilnius in 2023 as observers.', ['2022=2022', '2023=2023']],
      ]);
    });

    it('takes a year that modifiers, seasons or a list give away', () => {
      table([
        ['Stoltenberg visited in early 2023, where he spoke.', ['early 2023=2023']],
        ['Late 2022 saw a thaw.', ['Late 2022=2022']],
        ['By mid-2023 the deal was off.', ['mid-2023=2023']],
        ['By mid 2023 the deal was off.', ['mid 2023=2023']],
        ['In the summer of 2023 the talks stalled.', ['summer of 2023=2023']],
        ['Winter 2022 was harsh.', ['Winter 2022=2022']],
        ['Elections in 2009, 2010 and 2011 were close.', ['2009=2009', '2010=2010', '2011=2011']],
        ['Elections in 2009 or 2011 were close.', ['2009=2009', '2011=2011']],
      ]);
    });

    it('takes a year standing between punctuation or before a name', () => {
      table([
        ['The deadline, 2030, passed quietly.', ['2030=2030']],
        ['As argued earlier (2019), the policy failed.', ['2019=2019']],
        ['2023’s budget was larger.', ['2023=2023']],
      ]);
    });

    it('reads decades and centuries as intervals', () => {
      table([
        ['Ties grew in the 1990s.', ['1990s=1990/1999']],
        ['Ties grew in the mid-1990s.', ['mid-1990s=1990/1999']],
        ['Ties grew in the early 2000s.', ['early 2000s=2000/2009']],
        ['Ties date to the 1800s.', ['1800s=1800/1899']],
        // Ordinal centuries count strictly: the 20th ran from 1901 to 2000.
        ['A 20th century habit.', ['20th century=1901/2000']],
        ['A 21st-century order.', ['21st-century=2001/2100']],
        ['In the early 19th Century, trade grew.', ['early 19th Century=1801/1900']],
        ['In the mid-20th century, trade grew.', ['mid-20th century=1901/2000']],
        ['In the twentieth century, trade grew.', ['twentieth century=1901/2000']],
        ['A twenty-first-century order.', ['twenty-first-century=2001/2100']],
        ['The Nineteenth Century saw it; the early eighteenth century too.', ['Nineteenth Century=1801/1900', 'early eighteenth century=1701/1800']],
        // No century before the 11th (its years would not have four digits), none on a day number.
        ['The 1st century saw it.', []],
        ['The fifth century and the tenth century saw it.', []],
        ['On the 20th, a century later, it ended.', []],
        // A capitalised century before a capitalised word is a name.
        ['20th Century Fox and Twentieth Century Fund made films.', []],
        ['Twenty first century, twentyfirst century and thirty-first century are no centuries.', []],
      ]);
      assert.equal(only('in the 1990s').precision, 'year');
      assert.equal(only('in the 20th century').precision, 'year');
    });

    it('reads abbreviated or capitalised month names that open a range', () => {
      table([
        ['Exports fell in Jan–Mar 2024 and JAN-FEB 2023.', ['Jan–Mar 2024=2024-01/2024-03', 'JAN-FEB 2023=2023-01/2023-02']],
        ['Exports fell in Dec–Feb 2024.', ['Dec–Feb 2024=2023-12/2024-02']],
        // Alone, or before a range that ends without a month, they stay words.
        ['Exports fell in Jan, in Jan–Mar, and at Mar-a-Lago.', []],
      ]);
    });

    it('reads spans of years whose end has two digits: dashes, and slashes or hyphens between consecutive years', () => {
      table([
        ['The 2022–23 winter was mild; in fiscal 2023/24 and the 2023-24 season, less so.', ['2022–23=2022/2023', '2023/24=2023/2024', '2023-24=2023/2024']],
        ['In the winter of 2022–23 and in 1914–18, and from 1999–00 on.', ['winter of 2022–23=2022/2023', '1914–18=1914/1918', '1999–00=1999/2000']],
        ['From 2022–23 to 2024–25, budgets grew.', ['From 2022–23 to 2024–25=2022/2025']],
        // Not consecutive with a slash or hyphen (2009-11 may be a month), backwards, a label or a score.
        ['In 2009-11, in 2023/25 and in 2022–21.', []],
        ['See pp. 2022–23; the team scored 2022-23.', []],
      ]);
    });

    it('reads quarters and halves of a year as month intervals', () => {
      table([
        ['Exports fell in Q3 2024.', ['Q3 2024=2024-07/2024-09']],
        ['Exports fell in Q1 of 2023 and H2 2023.', ['Q1 of 2023=2023-01/2023-03', 'H2 2023=2023-07/2023-12']],
        ['In the third quarter of 2024, exports fell.', ['third quarter of 2024=2024-07/2024-09']],
        ['In the 4th quarter of 2021, exports fell.', ['4th quarter of 2021=2021-10/2021-12']],
        ['Third-quarter 2024 figures disappointed.', ['Third-quarter 2024=2024-07/2024-09']],
        ['The First Half of 2023 was calm.', ['First Half of 2023=2023-01/2023-06']],
        ['In the final quarter of 2022 and the last half of 2021.', ['final quarter of 2022=2022-10/2022-12', 'last half of 2021=2021-07/2021-12']],
        ['From Q1 2023 to Q3 2024, exports fell.', ['From Q1 2023 to Q3 2024=2023-01/2024-09']],
        // A quarter or half without its year opens a range that ends on one, across a new year if needed.
        ['Exports fell in Q1–Q3 2024 and H1-H2 2023.', ['Q1–Q3 2024=2024-01/2024-09', 'H1-H2 2023=2023-01/2023-12']],
        ['Exports fell between Q2 and Q4 2023, and Q4–Q1 2024.', ['between Q2 and Q4 2023=2023-04/2023-12', 'Q4–Q1 2024=2023-10/2024-03']],
        ['Exports fell in Q1–Q3, then Q1-2024 and Q1– 2024.', []],
        // No such part, no year, a code glued to more, or "quarter" as a share: the year alone, or nothing.
        ['In the fifth quarter of 2024.', ['2024=2024']],
        ['A quarter of 2024 troops left.', []],
        ['Q5 2024 and H3 2024 are no periods.', []],
        ['The Q3 report came out.', []],
        ['Water, H2O, 2024 samples.', []],
        ['Model Q3X 2024 shipped.', []],
      ]);
      assert.equal(only('in Q3 2024').precision, 'month');
      assert.equal(only('the second half of 2023').precision, 'month');
    });

    it('leaves quantities, labels and other four-digit numbers alone', () => {
      table([
        ['Seoul sent 2000 troops to the border.', []],
        ['Seoul sent the 2000 troops in 2023 to the border.', ['2023=2023']],
        ['A force of 2000 soldiers was ready.', []],
        ['In 2000 troops crossed the line.', []],
        ['The 2000-strong unit moved.', []],
        ['See No. 2023 and no. 2021 of the series.', []],
        ['See pp. 1990–2010 of the report.', []],
        ['Under Resolution 2118 inspectors went in.', []],
        ['Call +90 312 555 2023 for details.', []],
        ['Call 555-2023 for details.', []],
        ['The index rose from 300 to 2000.', []],
        ['It cost 1850 dollars.', []],
        ['The budget was 2023 million won.', []],
        ['Output rose 2023 percent.', []],
        ['He wrote 2023 words.', []],
        ['The fiscal year 2023/24 ended.', ['2023/24=2023/2024']],
        ['The 2009-11 period is disputed.', []],
        ['The code was 2023.5 on release.', []],
        ['He saw 1453 and 2300 in the ledger.', []],
        ['Vision 2030 and COP28 met the G20.', []],
        ['F-16s, Su-35 jets, S-400 and Kh-101 missiles.', []],
        ['In 1945-46 the army left.', ['1945-46=1945/1946']],
      ]);
    });
  });

  describe('ranges', () => {
    it('reads day ranges within a month, taking a missing month or year from the other end', () => {
      table([
        ['Exercises ran April 24–30, 2023 off Busan.', ['April 24–30, 2023=2023-04-24/2023-04-30']],
        ['Exercises ran April 24-30, 2023 off Busan.', ['April 24-30, 2023=2023-04-24/2023-04-30']],
        ['Exercises ran 24–30 April 2023 off Busan.', ['24–30 April 2023=2023-04-24/2023-04-30']],
        ['Exercises ran 24 April – 2 May 2023 off Busan.', ['24 April – 2 May 2023=2023-04-24/2023-05-02']],
        ['Exercises ran April 24 – May 2, 2023 off Busan.', ['April 24 – May 2, 2023=2023-04-24/2023-05-02']],
        ['Exercises ran December 28 – January 3, 2024 off Busan.', ['December 28 – January 3, 2024=2023-12-28/2024-01-03']],
        ['Exercises ran from 24 to 30 April 2023 off Busan.', ['from 24 to 30 April 2023=2023-04-24/2023-04-30']],
        ['Exercises ran from 24 until 30 April 2023 off Busan.', ['from 24 until 30 April 2023=2023-04-24/2023-04-30']],
        ['Exercises ran between 24 and 30 April 2023 off Busan.', ['between 24 and 30 April 2023=2023-04-24/2023-04-30']],
        ['Exercises ran from 24th to 30th April 2023 off Busan.', ['from 24th to 30th April 2023=2023-04-24/2023-04-30']],
      ]);
      assert.equal(only('Exercises ran April 24–30, 2023.').precision, 'day');
      assert.equal(only('Exercises ran from 24 to 30 April 2023.').precision, 'day');
    });

    it('reads a yearless day range against the publication date', () => {
      table([['Exercises run April 24-30 off Busan.', ['April 24-30=2024-04-24/2024-04-30']]], '2024-02-05');
      table([['Exercises run April 24-30 off Busan.', ['April 24-30=?']]]);
      assert.equal(only('Exercises run April 24-30.', '2024-02-05').relative, true);
    });

    it('reads month and year ranges', () => {
      table([
        ['From December 2022–January 2023 talks stalled.', ['From December 2022–January 2023=2022-12/2023-01']],
        ['In June–July 2023 talks stalled.', ['June–July 2023=2023-06/2023-07']],
        ['Under Obama 2009–2017 ties improved.', ['2009–2017=2009/2017']],
        ['In 2009 - 2011 ties improved.', ['2009 - 2011=2009/2011']],
        ['He served from 2009 to 2011 as envoy.', ['from 2009 to 2011=2009/2011']],
        ['He served between 2009 and 2011 as envoy.', ['between 2009 and 2011=2009/2011']],
        ['He served from March 2009 until late 2011.', ['from March 2009 until late 2011=2009-03/2011']],
        ['He served from 2009 through 2011.', ['from 2009 through 2011=2009/2011']],
      ]);
      assert.equal(only('In June–July 2023 talks stalled.').precision, 'month');
      assert.equal(only('from March 2009 until late 2011').precision, 'year');
    });

    it('does not join points that are no range', () => {
      table([
        // A word connector without "from" or "between" before it.
        ['In 2009 to 2011 ties improved.', ['2009=2009', '2011=2011']],
        // Lone day numbers with no month.
        ['Pages 10-12 and rows 3–5.', []],
        ['Turnout rose from 24 to 30 percent.', []],
        ['Between 3 and 5 ministers resigned.', []],
        // A day and a connector with no "from" or "between": only the dated end is a date.
        ['Pages 24 to 30 April 2023 cover it.', ['30 April 2023=2023-04-30']],
      ]);
    });

    it('reports nothing for a range that runs backwards or whose day is not on the calendar', () => {
      table([
        ['Compare 2011–2009 figures.', []],
        ['Exercises ran April 30–24, 2023 off Busan.', []],
        ['Exercises ran May 2023–April 2023 off Busan.', []],
        ['Exercises ran April 24–31, 2023 off Busan.', []],
      ]);
    });
  });

  describe('relative dates', () => {
    const published = '2024-02-05'; // a Monday

    it('counts back years, months, weeks and days "ago" from the publication date', () => {
      table(
        [
          ['Two years ago, talks failed.', ['Two years ago=2022']],
          ['It happened 3 months ago.', ['3 months ago=2023-11']],
          ['They met a week ago in Seoul.', ['a week ago=2024-01-29']],
          ['They met five days ago.', ['five days ago=2024-01-31']],
          ['They met one day ago.', ['one day ago=2024-02-04']],
          ['A deal twelve months ago.', ['twelve months ago=2023-02']],
          ['Some 20 years ago it began.', ['20 years ago=2004']],
          // Hours and minutes count whole days: the publication day, or the day a full 24 hours back.
          ['An hour ago the strike began.', ['An hour ago=2024-02-05']],
          ['The strike began 3 hours ago.', ['3 hours ago=2024-02-05']],
          ['The strike began 48 hours ago.', ['48 hours ago=2024-02-03']],
          ['The strike began 20 minutes ago.', ['20 minutes ago=2024-02-05']],
          // No count, a count too large or not a number, or a unit no date is made of.
          ['Many years ago it began.', []],
          ['Years ago it began.', []],
          ['It began 150 years ago.', []],
          ['It began thirteen years ago.', []],
          ['Hours ago it began.', []],
          ['It began two seconds ago.', []],
          ['It began x2 years ago.', []],
        ],
        published,
      );
      assert.equal(only('Two years ago, talks failed.', published).precision, 'year');
      assert.equal(only('They met five days ago.', published).precision, 'day');
      assert.equal(only('Two years ago, talks failed.').value, undefined, 'without a publication date it is unresolved');
    });

    it('resolves them against the publication date', () => {
      table(
        [
          ['Seoul reacted this June.', ['this June=2024-06']],
          ['Seoul reacted last June.', ['last June=2023-06']],
          ['Seoul will react next June.', ['next June=2024-06']],
          ['Seoul reacted last February.', ['last February=2023-02']],
          ['Seoul reacted last January.', ['last January=2024-01']],
          ['Seoul will react this March.', ['this March=2024-03']],
          ['Seoul will react next year.', ['next year=2025']],
          ['Seoul reacted this year.', ['this year=2024']],
          ['Seoul reacted last year.', ['last year=2023']],
          ['Last year’s talks failed.', ['Last year=2023']],
          ['Seoul reacted in February of this year.', ['February of this year=2024-02']],
          ['Seoul reacted in March of last year.', ['March of last year=2023-03']],
          ['Seoul reacted in March last year.', ['March last year=2023-03']],
          ['Seoul reacted on January 29 this year.', ['January 29 this year=2024-01-29']],
          ['In an interview earlier this month, Shin spoke.', ['earlier this month=2024-02']],
          ['Shin will speak later this year.', ['later this year=2024']],
          ['Shin will speak early next year.', ['early next year=2025']],
          ['Seoul reacted last month.', ['last month=2024-01']],
          ['Seoul reacted this month.', ['this month=2024-02']],
          ['Seoul will react next month.', ['next month=2024-03']],
          ['Seoul reacted yesterday.', ['yesterday=2024-02-04']],
          ['Seoul reacts today.', ['today=2024-02-05']],
          ['Today Seoul reacts.', ['Today=2024-02-05']],
          ['Seoul reacts tomorrow.', ['tomorrow=2024-02-06']],
          ['Seoul reacted last week.', ['last week=2024-01-29/2024-02-04']],
          ['Seoul reacts this week.', ['this week=2024-02-05/2024-02-11']],
        ],
        published,
      );
    });

    it('infers the missing year of a month and day as the one nearest the publication', () => {
      table(
        [
          ['Troops trained in Ukraine on January 29. Photo: Bloomberg', ['January 29=2024-01-29']],
          ['The ceasefire of December 28 held.', ['December 28=2023-12-28']],
          ['Elections follow on 10 April.', ['10 April=2024-04-10']],
          ['The vote on Friday, February 2 passed.', ['Friday, February 2=2024-02-02']],
        ],
        published,
      );
      assert.equal(only('on January 29.', published).relative, true);
      assert.equal(only('on January 29.', published).precision, 'day');
    });

    it('resolves weekdays: on (latest on or before), last, next, this week’s, and news style "said Friday"', () => {
      table(
        [
          ['Zakharova on Friday rejected the claims.', ['Friday=2024-02-02']],
          ['Zakharova spoke on Monday.', ['Monday=2024-02-05']],
          ['Zakharova spoke last Monday.', ['last Monday=2024-01-29']],
          ['Zakharova speaks next Monday.', ['next Monday=2024-02-12']],
          ['Zakharova speaks this Friday.', ['this Friday=2024-02-09']],
          ['Late Friday, officials said.', ['Late Friday=2024-02-02']],
          ['The ministry said Friday that talks failed.', ['Friday=2024-02-02']],
          ['The ministry said Friday.', ['Friday=2024-02-02']],
          // Names and other uses.
          ['He said Friday prayers were cancelled.', []],
          ['They met at the Friday Mosque.', []],
          ['Friday was quiet.', []],
        ],
        published,
      );
    });

    it('recognises relative dates without a publication date, leaving them unresolved', () => {
      table([
        [
          'Last year, this June and on Friday, as earlier this month and on January 29, 2024.\n\nThen on January 29.',
          ['Last year=?', 'this June=?', 'Friday=?', 'earlier this month=?', 'January 29, 2024=2024-01-29', 'January 29=?'],
        ],
      ]);
      const mention = only('Seoul reacted last year.');
      assert.equal(mention.relative, true);
      assert.equal('value' in mention, false);
    });

    it('resolves what a partial publication date allows', () => {
      table([['This year, last June and in March, on Friday, last month and yesterday.', ['This year=2024', 'last June=?', 'March=2024-03', 'Friday=?', 'last month=?', 'yesterday=?']]], '2024');
      table([['This year, last June, on Friday, last month and yesterday.', ['This year=2024', 'last June=2023-06', 'Friday=?', 'last month=2024-01', 'yesterday=?']]], '2024-02');
      // An unusable publication date is no publication date.
      table([['Seoul reacted last year.', ['last year=?']]], '2024-02-30');
      table([['Seoul reacted last year.', ['last year=?']]], 'soon');
    });

    it('leaves durations and names alone', () => {
      table(
        [
          ['Over the last year, ties frayed.', []],
          ['In the next month, ties may fray.', []],
          ['Lankov told This Week in Asia.', []],
          ['She wrote for Russia Today.', []],
          ['Ties fray year after year, month by month.', []],
        ],
        published,
      );
    });

    it('never makes up an impossible day', () => {
      // February 29 without a year is only a date in leap years.
      table([['The decree of February 29 stands.', ['February 29=?']]], '2023-06-01');
      table([['The decree of February 29 stands.', ['February 29=2024-02-29']]], '2024-03-01');
    });
  });

  describe('numbers that are not dates', () => {
    it('reports none of them', () => {
      table([
        ['Seoul lent the US 500,000 rounds of 155mm artillery shells.', []],
        ['It sold K2 tanks worth $23 billion to 160 companies in 11 sectors.', []],
        ['About 1,000 people, 2.5% of them children.', []],
        ['See https://www.mofa.go.kr/viewer/skin/doc.html?fn=20221228060752073.pdf&rs=/viewer/result/202212 now.', []],
        ['See https://example.org/news/2024/06/20/story and www.example.org/December-6-2022 now.', []],
        ['Version 1.2.3 shipped at 10:30 on build 2023a.', []],
        ['Call (212) 555-1990 or 555 2023.', []],
        ['Video 02:07 and 12Peer reviewed analysis.', []],
        ['COVID-19 froze contacts.', []],
        ['Reading Time: 5 mins', []],
      ]);
    });

    it('reports nothing for a date that is not on the calendar', () => {
      table([
        ['Signed 31.02.2024 in Ankara.', []],
        ['Signed February 30, 2023 in Ankara.', []],
        ['Signed 30 February 2023 in Ankara.', []],
        ['Signed 2023-02-29 in Ankara.', []],
        ['Signed 2024-13-01 in Ankara.', []],
        ['Signed 29.02.2023 in Ankara.', []],
      ]);
      table([['Signed 29.02.2024 in Ankara.', ['29.02.2024=2024-02-29']]]);
    });
  });

  describe('overlap', () => {
    it('takes the longest date at the leftmost start, once', () => {
      table([
        ['Friday, December 6, 2022', ['Friday, December 6, 2022=2022-12-06']],
        ['December 2022–January 2023', ['December 2022–January 2023=2022-12/2023-01']],
        ['from 2009 to 2011', ['from 2009 to 2011=2009/2011']],
        ['earlier this month', ['earlier this month=?']],
        ['In December 2022 and 2023 the talks stalled.', ['December 2022=2022-12']],
      ]);
    });

    it('returns sorted, non-overlapping mentions with true offsets for any mix of date-like fragments', () => {
      const fragments = [
        'December', 'Dec.', ' ', ', ', '6', '2022', '–', '-', 'in ', 'from ', ' to ', 'between ', ' and ', 'last ', 'this ', 'year',
        'month', 'Friday', 'on ', 'early ', 'mid-', '06.02.2024', '31.02.2024', '1990s', 'the ', '.', '\n', 'May', 'troops', '$', '/',
        '\uD800', '2024-06-20', 'th', 'of ', 'yesterday', 'Q3', 'H1', 'quarter', 'half', 'third', '3rd', 'final', 'century',
        'Century', 'twentieth', 'twenty-', 'first', 'ago', 'hours', '20',
      ];
      fc.assert(
        fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 40 }), fc.constantFrom(undefined, '2024-02-05', '2024'), (parts, published) => {
          dates(parts.join(''), published);
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('lists of dates', () => {
    it('gives a month or day written without its year the year of the list item that has one', () => {
      table(
        [
          ['Talks ran in March and April 2023.', ['March=2023-03', 'April 2023=2023-04']],
          ['Votes fell on 5 and 6 March 2024.', ['5=2024-03-05', '6 March 2024=2024-03-06']],
          ['Votes fell on 5, 6 and 7 March 2024.', ['5=2024-03-05', '6=2024-03-06', '7 March 2024=2024-03-07']],
          ['Articles 5, 6 and 7 of the treaty, and 5,000 troops.', []],
          ['Drills ran in June, July or August 2022.', ['June=2022-06', 'July=2022-07', 'August 2022=2022-08']],
          // Across a new year: the earlier month belongs to the year before.
          ['Strikes came in December and January 2024.', ['December=2023-12', 'January 2024=2024-01']],
          // After a dated item, the list goes on in its year, or the next when it comes earlier in the calendar.
          ['Talks ran in March 2023 and April, then on 30 December 2023 and 2 January.', ['March 2023=2023-03', 'April=2023-04', '30 December 2023=2023-12-30', '2 January=2024-01-02']],
          // No list, no year to take: each is read on its own against the publication date.
          ['Talks ran in March, April and May.', ['March=2024-03', 'April=2024-04', 'May=2024-05']],
          ['Talks ran in March and on 6 April 2023.', ['March=2024-03', '6 April 2023=2023-04-06']],
          ['On 30 and 31 February 2024 nothing happened.', []],
        ],
        '2024-02-06',
      );
    });
  });

  describe('narration', () => {
    it('reads a month or day without its year after a dated one in the same paragraph as the first such date on or after it', () => {
      table(
        [
          ['On 26 July 2022, soldiers seized power. By the end of August, ECOWAS threatened to intervene.', ['26 July 2022=2022-07-26', 'August=2022-08']],
          ['Talks began in December 2021 and stalled in January, then resumed on 3 March.', ['December 2021=2021-12', 'January=2022-01', '3 March=2022-03-03']],
          // A new paragraph starts afresh: the date nearest publication.
          ['On 26 July 2022, soldiers seized power.\n\nIn August, talks resumed.', ['26 July 2022=2022-07-26', 'August=2023-08']],
          // The paragraph lends a year, not a licence: a lone month must still stand where a month can.
          ['[1] “Cable talks”, Wire, (Access Date: 06.02.2024).\n[2] “March meeting”, Grid Weekly.', ['06.02.2024=2024-02-06']],
          // Line breaks of any style end a paragraph.
          ['On 26 July 2022, soldiers seized power.\r\rIn August, talks resumed.', ['26 July 2022=2022-07-26', 'August=2023-08']],
          // Words that tie a date to publication keep doing so.
          ['On 26 July 2022, soldiers seized power; since June, talks have stalled.', ['26 July 2022=2022-07-26', 'June=2023-06']],
        ],
        '2024-02-06',
      );
    });
  });

  describe('statedPublicationDate', () => {
    it('reads the date an article states at its top', () => {
      const cases: Array<[string, string | undefined]> = [
        ['Analysis\n\nPublished 14 March 2024\n\nText.', '2024-03-14'],
        ['# Title\n*Published on: March 14, 2024*\nText.', '2024-03-14'],
        ['Title\nPOSTED ON 2024-03-14\nText.', '2024-03-14'],
        ['> Date: 14.03.2024\r\nText.', '2024-03-14'],
        ['Title\n\nFriday, 15 March 2024, 10:30 GMT\n\nText.', '2024-03-15'],
        ['Title\n15 March 2024\n\nOn 1 May 2023 talks began.', '2024-03-15'],
        // The first dateline wins; a later one, an update, a partial date or a date inside a sentence is none.
        ['Published 14 March 2024\nPublished 1 May 2024', '2024-03-14'],
        ['Updated 14 March 2024\nText.', undefined],
        ['Published March 2024\nText.', undefined],
        ['Published last week\nText.', undefined],
        ['On 14 March 2024 the talks began.', undefined],
        ['14 March 2024 was a Thursday.', undefined],
        ['Published 31 February 2024', undefined],
        [`${'Line\n'.repeat(20)}Published 14 March 2024`, undefined],
        [`Published 14 March 2024 ${'and more words '.repeat(20)}`, undefined],
        [`${'x'.repeat(5000)}\nPublished 14 March 2024`, undefined],
        ['', undefined],
      ];
      for (const [text, expected] of cases) assert.equal(statedPublicationDate(text), expected, JSON.stringify(text));
    });
  });

  describe('robustness', () => {
    it('reads dates among odd characters and spaces', () => {
      table([
        ['\uFEFFIn December 2022.', ['December 2022=2022-12']],
        ['\uD800In December 2022\uDFFF', ['December 2022=2022-12']],
        ['In\u00A0December\u00A02022 and on 6\u202FMay\t2023.', ['December\u00A02022=2022-12', '6\u202FMay\t2023=2023-05-06']],
        ['é2023 Ü2023 Mayé 2023 2023é', []],
        [`${'x'.repeat(100_000)} in 2023`, ['2023=2023']],
      ]);
    });

    it('does not throw on odd input', () => {
      const odd = [
        '',
        '\uD800\uDC00\uD800 2023 \uDFFF December',
        '\u0000December\u0000 6, 2022',
        '9'.repeat(100_000),
        '1 '.repeat(20_000),
        'December '.repeat(10_000),
        'Friday, '.repeat(20_000),
        'from 2009 to '.repeat(5_000),
        `in ${' '.repeat(100_000)}2023`,
      ];
      for (const text of odd) dates(text, '2024-02-05');
      // Any UTF-16 code units, lone surrogates included.
      const codeUnit = fc.nat(0xffff).map((code) => String.fromCharCode(code));
      fc.assert(fc.property(fc.string({ unit: codeUnit, maxLength: 200 }), (text) => void dates(text, '2024-02-05')));
    });

    it('handles a line break inside a date but not a paragraph break', () => {
      table([
        ['It began in December\r\n2022 and ended in\rJanuary 2023.', ['December\r\n2022=2022-12', 'January 2023=2023-01']],
        ['It began in December\n\n2022 ended.', ['December=?']],
      ]);
    });

    it('stops when cancelled', () => {
      const cancelled: CancellationToken = { isCancellationRequested: true };
      assert.throws(() => recognizeDates('In December 2022.', {}, cancelled), CancelledError);
      let checks = 0;
      const cancelledDuringScan: CancellationToken = {
        get isCancellationRequested() {
          return ++checks > 1;
        },
      };
      assert.throws(() => recognizeDates('In December 2022, talks began. '.repeat(20_000), {}, cancelledDuringScan), CancelledError);
      assert.ok(checks > 1);
    });
  });

  describe('on the corpus articles', () => {
    const corpus = path.join(findRepoRoot(__dirname), '..', 'shared', 'corpus');
    const article = (prefix: string) => {
      const file = fs.readdirSync(corpus).find((name) => name.startsWith(prefix));
      assert.ok(file, `no corpus article ${prefix}`);
      return fs.readFileSync(path.join(corpus, file), 'utf8');
    };

    // Every mention below was checked by reading the article; any other number in it is no date.
    it('finds the dates of article 000, including the access dates, and nothing else', () => {
      assert.deepEqual(dates(article('000_')), [
        'December 2022=2022-12',
        'early 2023=2023',
        'December 2022=2022-12',
        '2022=2022',
        '2023=2023',
        '06.02.2024=2024-02-06',
        '06.02.2024=2024-02-06',
        '06.02.2024=2024-02-06',
        '2014=2014',
        '2016=2016',
        '1990=1990',
        '2017=2017',
        '2022=2022',
      ]);
    });

    it('finds the dates of article 001 and resolves its relative ones', () => {
      // As if published on Monday 5 February 2024, shortly after the events it reports.
      assert.deepEqual(dates(article('001_'), '2024-02-05'), [
        'January 29=2024-01-29',
        'earlier this month=2024-02',
        'September 13, 2023=2023-09-13',
        'Friday=2024-02-02',
        'February 2022=2022-02',
        'December=2023-12',
        '1990=1990',
      ]);
      assert.deepEqual(dates(article('001_')), [
        'January 29=?',
        'earlier this month=?',
        'September 13, 2023=2023-09-13',
        'Friday=?',
        'February 2022=2022-02',
        'December=?',
        '1990=1990',
      ]);
    });

    it('finds the dates of article 002', () => {
      assert.deepEqual(dates(article('002_')), [
        '25 March 2021=2021-03-25',
        '2020=2020',
        'late March 2021=2021-03',
        '2017=2017',
        '2020=2020',
        '2022=2022',
        '2024=2024',
      ]);
    });
  });
});

/** The repository root: the nearest folder above `start` with the project's package.json (from test/unit or out/test/unit). */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'annotated-reading') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no annotated-reading package.json above ${start}`);
  }
}
