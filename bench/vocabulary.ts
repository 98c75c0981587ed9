/**
 * Word lists and sentence templates for the generated corpus, written for the benchmark in the style of
 * policy analysis (actors, dated events, cited sources). Slots: {P} person, {C} state, {O} organisation,
 * {L} place, {M} outlet, {W} a dated phrase ("in early 2023"), {T} topic, {X} another topic.
 */

export const givenNames = [
  'Amira', 'Bogdan', 'Chen', 'Dalia', 'Emre', 'Farid', 'Greta', 'Hana', 'Ilya', 'Jonas', 'Kaito', 'Lena', 'Mateo', 'Nadia',
  'Oskar', 'Priya', 'Rasmus', 'Selin', 'Tomas', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zofia', 'Aleksander', 'Bianca', 'Cyrus',
  'Dmitri', 'Elif', 'Fatima', 'Goran', 'Helga', 'Ines', 'Jarek', 'Katya', 'Luca', 'Mariam', 'Nikolai', 'Olga', 'Pavel',
];

/** Pieces of invented proper names; combined two or three at a time they rarely make an English word. */
export const onsets = ['b', 'd', 'k', 'l', 'm', 'n', 'r', 's', 't', 'v', 'z', 'br', 'dr', 'kr', 'st', 'tr', 'gr', 'sk', 'h', 'j', 'p', 'f', 'g', 'ch'];
export const vowels = ['a', 'e', 'i', 'o', 'u', 'ai', 'ei', 'ou', 'ia'];
export const codas = ['', '', 'n', 'r', 'l', 's', 'k', 't', 'm', 'nd', 'rt', 'sk'];

export const personTitles = ['Minister', 'General', 'Ambassador', 'Senator', 'Governor', 'Envoy', 'Commissioner', 'Admiral'];
export const roleTitles = ['Minister of Defence', 'Foreign Minister', 'Prime Minister', 'Head of the Energy Programme', 'Special Envoy', 'Chief of Staff', 'Ambassador', 'Deputy Director'];
export const organisationNouns = ['Energy Council', 'Security Forum', 'Trade Union', 'Defence Agency', 'Maritime Authority', 'Development Bank', 'Policy Institute', 'Grid Operator'];
export const mediaNouns = ['Herald', 'Tribune', 'Courier', 'Gazette', 'Observer', 'Dispatch', 'Review', 'Monitor'];
export const placeNouns = ['Strait', 'Peninsula', 'Corridor', 'Basin', 'Islands', 'Delta', 'Highlands', 'Gulf'];
export const statePrefixes = ['Republic of', 'Kingdom of', 'Federation of', 'Union of'];

export const topics = [
  'the grid synchronisation', 'the ammunition deal', 'regional security guarantees', 'the pipeline project', 'sanctions relief',
  'the grain corridor', 'port access', 'the defence pact', 'the missile tests', 'the fisheries agreement', 'the undersea cable',
  'the border demarcation', 'the gas interconnector', 'debt restructuring', 'the naval exercises', 'the rare-earth supply chain',
  'the visa regime', 'the nuclear talks', 'the refugee compact', 'air-defence coverage', 'the Arctic shipping lane',
  'the customs union', 'the election observers', 'the peace framework', 'drone production', 'the water-sharing treaty',
];

export const connectors = ['In other words', 'In this context', 'Thus', 'Eventually', 'For example', 'It should be recalled that', 'More recently', 'At the same time', 'In simple terms', 'Even so'];

export const sentenceTemplates = [
  '{W}, {P} said that {C} would not accept {T} without guarantees from {O}.',
  '{P} visited {C} {W}, where talks focused on {T} as well as {X}.',
  '{C}’s decision to pursue {T} has worried {C}, whose officials see it as a break with {X}.',
  'According to {M}, {P} warned {W} that {T} could collapse.',
  '{O} announced {W} that it would increase its coordination with {C} on {T}.',
  'Officials in {L} expect {T} to dominate the agenda {W}.',
  '{P} and {P} met {W} to discuss {T}, but no joint statement followed.',
  'The debate over {T} intensified after {P} told {M} that {C} was ready to compromise.',
  '{W}, {C} followed the lead of its allies and published a strategy paper on {T}.',
  'Analysts at {O} argue that {T} and {X} cannot be separated.',
  '{C} has sought more political support from {O} since {T} stalled {W}.',
  'For {P}, the lesson of {T} is that {C} must diversify its partners.',
  '{P}’s statements on “full support” for {C} drew a sharp response from {C}.',
  'Shipping through {L} fell {W}, a trend that {M} linked to {T}.',
  '{O} estimates that {T} will cost more than the budget agreed {W}.',
  'Neither {C} nor {C} has commented on {T} since {P} left office {W}.',
];

export const genericClauses = [
  'the balance of power in the region is shifting faster than its institutions',
  'every move by one side is read as a threat by the other',
  'the security dilemma leaves little room for dialogue',
  'economic interdependence no longer guarantees restraint',
  'smaller states prefer hedging to open alignment',
  'the costs of the status quo are rising for every party',
  'domestic politics increasingly shapes foreign-policy choices',
  'the alliance expects its partners to share the burden',
];

export const titleTemplates = [
  'Why Are {C}’s Relations with {C} Deteriorating?',
  '{O} and the Future of {T}',
  'What Does {P}’s Visit to {C} Mean for {T}?',
  'Between {C} and {C}: The Politics of {T}',
  'Can {C} Balance {T} and {X}?',
];

export const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
