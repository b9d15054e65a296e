/**
 * tree-sitter-news: the structure of a news article (front matter, headline, section headings,
 * paragraphs, list items, block quotes, "Further Reading" entries), its sentences, quotations,
 * parentheticals and links, and the token classes the analysis needs.
 *
 * Every decision that depends on lines or on what comes next -- block kinds, sentence ends,
 * which quotation mark opens or closes, abbreviations at the end of a sentence -- is made by the
 * external scanner (src/scanner.c). The grammar accepts any sequence of tokens the scanner and
 * the lexer can produce, so any input parses without an ERROR node.
 */

// Character classes shared by the token regexes. They must agree with src/scanner.c.
// Whitespace: ASCII blanks, NBSP, the Unicode space separators, line/paragraph separators,
// zero-width space and the byte order mark.
const SPACE = ' \\t\\n\\r\\v\\f\\u0085\\u00A0\\u1680\\u2000-\\u200B\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';
// Uppercase letters (Latin, Latin-1, Greek, Cyrillic).
const UP = 'A-Z\\u00C0-\\u00D6\\u00D8-\\u00DE\\u0391-\\u03A9\\u0400-\\u042F';
// Lowercase letters and letters of uncased scripts (a word starting with one is a `word`).
const LO = 'a-z\\u00DF-\\u00F6\\u00F8-\\u00FF\\u0100-\\u024F\\u03AC-\\u03CE\\u0430-\\u045F' +
  '\\u0590-\\u08FF\\u0900-\\u0DFF\\u0E00-\\u0EFF\\u1100-\\u11FF\\u3040-\\u30FF\\u3400-\\u4DBF' +
  '\\u4E00-\\u9FFF\\uAC00-\\uD7A3';
// Combining marks continue a word.
const MARK = '\\u0300-\\u036F';
const ALNUM = UP + LO + MARK + '0-9';
// Joiners inside a word: apostrophes, hyphens, slash ("Japan’s", "state-sponsored", "and/or").
const JOIN = '\'\\u2019\\-\\u2010\\u2011/';

// Abbreviations that keep their period. Titles never end a sentence; the others may, and the
// scanner decides that from the next word (see FINAL_ABBREVIATIONS in scanner.c).
const CAPITALIZED_ABBREVIATIONS = [
  'Mr.', 'Mrs.', 'Ms.', 'Mx.', 'Dr.', 'Prof.', 'Gov.', 'Sen.', 'Sens.', 'Rep.', 'Reps.', 'Gen.',
  'Lt.', 'Col.', 'Maj.', 'Capt.', 'Sgt.', 'Cpl.', 'Pvt.', 'Adm.', 'Cmdr.', 'Rev.', 'Hon.',
  'Pres.', 'Supt.', 'Det.', 'Insp.', 'Atty.', 'Amb.', 'Sec.', 'Ph.D.',
  'Jr.', 'Sr.', 'St.', 'Ste.', 'Mt.', 'Ft.', 'Ave.', 'Blvd.', 'Rd.',
  'Jan.', 'Feb.', 'Mar.', 'Apr.', 'Jun.', 'Jul.', 'Aug.', 'Sep.', 'Sept.', 'Oct.', 'Nov.', 'Dec.',
  'Inc.', 'Corp.', 'Co.', 'Ltd.', 'Bros.', 'No.', 'Nos.', 'Vol.', 'Fig.', 'Dept.', 'Univ.',
  'Ala.', 'Ariz.', 'Ark.', 'Calif.', 'Colo.', 'Conn.', 'Del.', 'Fla.', 'Ga.', 'Ill.', 'Ind.',
  'Kan.', 'Kans.', 'Ky.', 'La.', 'Md.', 'Mass.', 'Mich.', 'Minn.', 'Miss.', 'Mo.', 'Mont.',
  'Neb.', 'Nev.', 'Okla.', 'Ore.', 'Pa.', 'Tenn.', 'Tex.', 'Va.', 'Vt.', 'Wash.', 'Wis.', 'Wyo.',
];
const WORD_ABBREVIATIONS = ['etc.', 'vs.', 'v.', 'approx.', 'cf.', 'ca.', 'viz.', 'est.'];

// ISO 4217 codes that are not also common English words or acronyms.
const ISO_CURRENCIES = [
  'USD', 'EUR', 'GBP', 'JPY', 'CNY', 'RMB', 'CHF', 'AUD', 'HKD', 'INR', 'BRL', 'KRW', 'MXN',
  'SEK', 'NOK', 'DKK', 'ZAR', 'NZD', 'SGD', 'PLN', 'AED',
];

module.exports = grammar({
  name: 'news',

  // The order is the scanner's `enum TokenType`.
  externals: $ => [
    $._front_matter_start,
    $._front_matter_end,
    $.key,
    $.value,
    $._front_matter_other,
    $._headline_start,
    $._heading_start,
    $._further_start,
    $._entry_start,
    $._paragraph_start,
    $._list_start,
    $._quote_start,
    $.heading_marker,
    $.list_marker,
    $.title,
    $.outlet,
    $._block_end,
    $._stop,
    $._inner_stop,
    $._sentence_end,
    $._final_acronym,
    $._final_capitalized,
    $._final_word,
    $._open_dquote,
    $._close_dquote,
    $._open_squote,
    $._close_squote,
    $._open_paren,
    $._close_paren,
    $._link_start,
    $._link_middle,
    $._invalid,
    $._quote_marker,
    $.comment,
    $._error_sentinel,
  ],

  extras: $ => [new RegExp(`[${SPACE}]`), $.comment, $._quote_marker],

  rules: {
    document: $ => seq(
      optional($.front_matter),
      optional($.headline),
      repeat($._block),
    ),

    // ---- front matter ---------------------------------------------------------------------
    front_matter: $ => seq(
      $._front_matter_start,
      repeat(choice($.field, $._front_matter_other)),
      $._front_matter_end,
    ),

    field: $ => seq($.key, ':', optional($.value)),

    // ---- blocks ------------------------------------------------------------------------------
    headline: $ => seq($._headline_start, optional($.heading_marker), repeat($._inline), $._block_end),

    _block: $ => choice(
      $.section_heading,
      $.atx_heading,
      $.further_reading,
      $.paragraph,
      $.list_item,
      $.block_quote,
    ),

    section_heading: $ => seq($._heading_start, repeat($._inline), $._block_end),

    atx_heading: $ => seq($._heading_start, $.heading_marker, repeat($._inline), $._block_end),

    further_reading: $ => seq(
      choice(
        alias($._further_heading, $.section_heading),
        alias($._further_atx_heading, $.atx_heading),
      ),
      repeat($.reading_entry),
    ),

    _further_heading: $ => seq($._further_start, repeat($._inline), $._block_end),

    _further_atx_heading: $ => seq(
      $._further_start, $.heading_marker, repeat($._inline), $._block_end,
    ),

    reading_entry: $ => seq(
      $._entry_start,
      optional($.list_marker),
      $.title,
      '(',
      $.outlet,
      ')',
      $._block_end,
    ),

    paragraph: $ => seq($._paragraph_start, repeat($.sentence), $._block_end),

    list_item: $ => seq($._list_start, $.list_marker, repeat($.sentence), $._block_end),

    block_quote: $ => seq($._quote_start, repeat($.sentence), $._block_end),

    // ---- sentences ---------------------------------------------------------------------------
    // A sentence runs until the scanner emits a terminator; the last sentence of a block may
    // have none. prec.right: another inline continues the current sentence.
    sentence: $ => prec.right(seq(repeat1($._inline), optional($._terminator))),

    _terminator: $ => choice(
      alias($._stop, $.punctuation),
      $._sentence_end,
      alias($._final_acronym, $.acronym),
      alias($._final_capitalized, $.capitalized_word),
      alias($._final_word, $.word),
    ),

    _inline: $ => choice(
      $._token,
      $.quotation,
      $.parenthetical,
      $.link,
    ),

    // A quotation whose closing mark is missing (the multi-paragraph convention, or a typo)
    // ends with its paragraph and has an open_mark only.
    quotation: $ => prec.right(choice(
      seq(
        alias($._open_dquote, $.open_mark),
        repeat($._inline),
        optional(alias($._close_dquote, $.close_mark)),
      ),
      seq(
        alias($._open_squote, $.open_mark),
        repeat($._inline),
        optional(alias($._close_squote, $.close_mark)),
      ),
    )),

    parenthetical: $ => prec.right(seq(
      alias($._open_paren, '('),
      repeat($._inline),
      optional(alias($._close_paren, ')')),
    )),

    link: $ => seq(
      alias($._link_start, '['),
      optional($.link_text),
      alias($._link_middle, ']('),
      optional($.link_url),
      ')',
    ),

    link_text: $ => repeat1($._inline),

    link_url: _ => token(/[^ \t\n\r()]+/),

    // ---- tokens ------------------------------------------------------------------------------
    _token: $ => choice(
      $.word,
      ...WORD_ABBREVIATIONS.map(a => alias(a, $.word)),
      $.capitalized_word,
      ...CAPITALIZED_ABBREVIATIONS.map(a => alias(a, $.capitalized_word)),
      $.acronym,
      $.number,
      $.currency,
      ...ISO_CURRENCIES.map(c => alias(c, $.currency)),
      $.percent,
      $.dash,
      $.url,
      $.punctuation,
      alias($._inner_stop, $.punctuation),
      alias($._invalid, $.punctuation),
    ),

    word: _ => token(choice(
      new RegExp(`[${LO}][${ALNUM}]*([${JOIN}][${ALNUM}]+)*`),
      // a.m., p.m., e.g., i.e., a.k.a.
      /[a-z]\.([a-z]\.)+/,
    )),

    capitalized_word: _ => token(choice(
      new RegExp(`[${UP}]([${LO}${MARK}][${ALNUM}]*)?([${JOIN}][${ALNUM}]+)*`),
      // JPMorgan, GOPers
      new RegExp(`[${UP}][${UP}]+[${LO}][${LO}]+[${ALNUM}]*([${JOIN}][${ALNUM}]+)*`),
      // an initial: John F. Kennedy
      new RegExp(`[${UP}]\\.`),
    )),

    acronym: _ => token(choice(
      // NSA, G7, IPOs, NASA’s, COVID-19, NSA/Cyber
      new RegExp(`[${UP}][${UP}0-9]+(s|['\\u2019]s)?([${JOIN}][${ALNUM}]+)*`),
      // U.S., D.C., U.S.A.
      new RegExp(`([${UP}]\\.)([${UP}]\\.)+`),
    )),

    number: _ => token(/[0-9]+([.,:\/\-][0-9]+)*[a-zA-Z]*/),

    currency: _ => token(choice(
      /[$€£¥₹₩₽₺₪₫฿¢₦₱]/,
      /(US|A|AU|C|CA|HK|NZ|S|R|NT|Mex)\$/,
    )),

    percent: _ => '%',

    dash: _ => token(choice('—', '–', '―', /--+/)),

    url: _ => token(choice(
      /https?:\/\/[^ \t\n\r<>"“”‘’()\[\]{}]*[^ \t\n\r<>"“”‘’()\[\]{}.,;:!?'*_]/,
      /www\.[^ \t\n\r<>"“”‘’()\[\]{}]*[^ \t\n\r<>"“”‘’()\[\]{}.,;:!?'*_]/,
    )),

    // Anything else: one character, or a run of periods or of ?/!. Lowest precedence, so that
    // every other token wins a tie.
    punctuation: _ => token(prec(-1, choice(
      /\.\.+/,
      /[!?]+/,
      new RegExp(`[^${SPACE}]`),
    ))),
  },
});
