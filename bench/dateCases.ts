/**
 * A labelled set for date accuracy, written for the benchmark: sentences in the articles' register with
 * the ISO values a careful reader would give every date in them (YYYY, YYYY-MM, YYYY-MM-DD, or START/END
 * for a period), in order. Relative dates are read against `published`. Numeric dates with dots follow
 * the European day-first convention of the articles' reference lists. Sentences with no date list none.
 */
export interface DateCase {
  text: string;
  expected: string[];
}

/** The publication date every case is read against. */
export const casesPublished = '2024-03-15';

export const dateCases: readonly DateCase[] = [
  // Full dates, month first and day first.
  { text: 'Talks opened in Vienna on December 6, 2022, after months of delay.', expected: ['2022-12-06'] },
  { text: 'The memorandum was signed on 6 December 2022 in Brussels.', expected: ['2022-12-06'] },
  { text: 'On January 29, 2024, the minister resigned.', expected: ['2024-01-29'] },
  { text: 'The ceasefire of 17 July 2023 did not hold for long.', expected: ['2023-07-17'] },
  { text: 'Parliament ratified the treaty on March 3, 2021 by a wide margin.', expected: ['2021-03-03'] },
  { text: 'The summit closed on 11 July 2023 with a joint communiqué.', expected: ['2023-07-11'] },
  { text: 'Both sides met again on October 2, 2019, in Geneva.', expected: ['2019-10-02'] },
  { text: 'Delegations arrived on 14 February 2020 and left a day later.', expected: ['2020-02-14'] },
  // Numeric and ISO dates.
  { text: '(Access Date: 06.02.2024).', expected: ['2024-02-06'] },
  { text: 'The report was retrieved on 21.11.2023 from the ministry website.', expected: ['2023-11-21'] },
  { text: 'The decree took effect on 2024-06-20 according to the gazette.', expected: ['2024-06-20'] },
  { text: 'The dataset was last updated on 2023-09-05.', expected: ['2023-09-05'] },
  { text: 'Access Date: 30.01.2024', expected: ['2024-01-30'] },
  // Months and years.
  { text: 'In December 2022, the government published its strategy paper.', expected: ['2022-12'] },
  { text: 'It began in August of 2022, when shipping resumed.', expected: ['2022-08'] },
  { text: 'The agency opened its first office in 2012.', expected: ['2012'] },
  { text: 'Prices peaked in September 2021 before falling back.', expected: ['2021-09'] },
  { text: 'The pact dates from May 2019.', expected: ['2019-05'] },
  { text: 'By 2030 the grid is meant to run on renewables.', expected: ['2030'] },
  { text: 'Exports fell sharply in November of 2020.', expected: ['2020-11'] },
  // Parts of years and months.
  { text: 'The secretary general visited Seoul in early 2023.', expected: ['2023'] },
  { text: 'Negotiations stalled in late 2021.', expected: ['2021'] },
  { text: 'By mid-2022 the pipeline was half built.', expected: ['2022'] },
  { text: 'In late March 2021, the foreign minister travelled to Tokyo.', expected: ['2021-03'] },
  { text: 'Markets fell in mid-March 2020.', expected: ['2020-03'] },
  { text: 'Drills were held in early June 2018 near the strait.', expected: ['2018-06'] },
  // Periods.
  { text: 'Exercises ran April 24-30, 2023 off the coast.', expected: ['2023-04-24/2023-04-30'] },
  { text: 'Under his presidency, 2009–2011, ties improved.', expected: ['2009/2011'] },
  { text: 'He served as envoy from 2015 to 2019.', expected: ['2015/2019'] },
  { text: 'Between 2010 and 2014 the budget doubled.', expected: ['2010/2014'] },
  { text: 'The programme ran from March 2016 to June 2018.', expected: ['2016-03/2018-06'] },
  { text: 'The 2014–2016 crisis reshaped the region.', expected: ['2014/2016'] },
  { text: 'Observers were deployed May 3-9, 2022 across the country.', expected: ['2022-05-03/2022-05-09'] },
  // Dates relative to publication (2024-03-15).
  { text: 'Exercises run April 24-30 off the coast.', expected: ['2024-04-24/2024-04-30'] },
  { text: 'The summit is planned for this June.', expected: ['2024-06'] },
  { text: 'The ministry reacted angrily last year.', expected: ['2023'] },
  { text: 'Talks are expected to resume next year.', expected: ['2025'] },
  { text: 'Exports recovered in March of last year.', expected: ['2023-03'] },
  { text: 'The army began recruiting last month.', expected: ['2024-02'] },
  { text: 'The agreement was signed yesterday in Ankara.', expected: ['2024-03-14'] },
  { text: 'The minister will travel to Warsaw tomorrow.', expected: ['2024-03-16'] },
  { text: 'The committee met on March 4 to review the bill.', expected: ['2024-03-04'] },
  { text: 'Inflation slowed this year, the central bank said.', expected: ['2024'] },
  // Several dates in one sentence.
  { text: 'The talks of May 2019 and of 6 December 2022 both failed.', expected: ['2019-05', '2022-12-06'] },
  { text: 'Elections in 2009, 2014 and 2019 were close.', expected: ['2009', '2014', '2019'] },
  { text: 'First drafted in 2016, the plan was revised on 2023-02-01.', expected: ['2016', '2023-02-01'] },
  { text: 'It was announced in January 2024 and took effect on 1 March 2024.', expected: ['2024-01', '2024-03-01'] },
  // No date here: numbers, quantities and words that only look like dates.
  { text: 'The army fields 2,500 tanks and 700 aircraft.', expected: [] },
  { text: 'Article 5 of the treaty was invoked only once.', expected: [] },
  { text: 'She may decide to march on the capital.', expected: [] },
  { text: 'The convoy carried 1200 tonnes of grain.', expected: [] },
  { text: 'Resolution 2231 is still cited by both sides.', expected: [] },
  { text: 'A 12-point plan was presented to 27 member states.', expected: [] },
  { text: 'The talks lasted 3 hours and produced 14 pages.', expected: [] },
  { text: 'Room 101 was used for the closed session.', expected: [] },
  { text: 'The strategy paper runs to 45 pages in 7 chapters.', expected: [] },
  { text: 'Turnout reached 61.5 per cent in the capital.', expected: [] },
  { text: 'The reference list cites [1] and [2] twice.', expected: [] },
  { text: 'The Su-35 and the F-16 were both on display.', expected: [] },
  { text: 'Phone the embassy on +90 312 555 0101 for visas.', expected: [] },
];
