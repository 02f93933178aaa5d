import { describe, it, expect } from '@jest/globals';
import { foldName, foldedSearchText } from './name-fold.js';

describe('foldName: the examples the registry relies on', () => {
  it.each([
    ['ТОО «Binance Kazakhstan»', 'binance kazakhstan'],
    ['Bybit Kazakhstan Ltd.', 'bybit kazakhstan'],
    ['İNTERNATİONAL', 'international'],
    ['ҚАЗАҚСТАН', 'qazaqstan'],
    ['Қазақстан', 'qazaqstan'],
    ['Qazaqstan', 'qazaqstan'],
  ])('folds %j to %j', (input, folded) => {
    expect(foldName(input)).toBe(folded);
  });
});

describe('foldName: case', () => {
  it('folds all four Turkic I’s to i', () => {
    expect(foldName('I İ ı i')).toBe('i i i i');
    expect(foldName('QAZAQSTAN İNVEST')).toBe(foldName('qazaqstan invest'));
    expect(foldName('ALTIN')).toBe(foldName('altın'));
    expect(foldName('Altın')).toBe('altin');
  });

  it('does not leave a combining dot behind after İ (toLowerCase would give i + U+0307)', () => {
    expect(foldName('İ')).toBe('i');
    expect(foldName('i\u0307')).toBe('i');
  });

  it('lower-cases Cyrillic, Latin and Greek', () => {
    expect(foldName('БИРЖА')).toBe('birzha');
    expect(foldName('EXCHANGE')).toBe('exchange');
    expect(foldName('ΣΟΦΙΑ')).toBe(foldName('σοφια'));
  });
});

describe('foldName: Cyrillic transliteration', () => {
  it.each([
    ['қ', 'q'],
    ['ғ', 'g'],
    ['ң', 'n'],
    ['ұ', 'u'],
    ['ү', 'u'],
    ['і', 'i'],
    ['ә', 'a'],
    ['ө', 'o'],
    ['ш', 'sh'],
    ['һ', 'h'],
  ])('transliterates the Kazakh letter %s as %s (facts.md)', (cyr, latin) => {
    expect(foldName(cyr)).toBe(latin);
    expect(foldName(cyr.toUpperCase())).toBe(latin);
  });

  it.each([
    ['ж', 'zh'],
    ['х', 'kh'],
    ['ц', 'ts'],
    ['ч', 'ch'],
    ['щ', 'shch'],
    ['ю', 'yu'],
    ['я', 'ya'],
    ['ы', 'y'],
    ['э', 'e'],
    ['й', 'i'],
    ['е', 'e'],
    ['ё', 'e'],
  ])('transliterates the Russian letter %s as %s', (cyr, latin) => {
    expect(foldName(cyr)).toBe(latin);
    expect(foldName(cyr.toUpperCase())).toBe(latin);
  });

  it('drops the hard and soft signs', () => {
    expect(foldName('объект')).toBe('obekt');
    expect(foldName('Обь')).toBe('ob');
    expect(foldName('ЪЬ ъ')).toBe('');
  });

  it('transliterates the whole Russian alphabet', () => {
    expect(foldName('абвгдеёжзийклмнопрстуфхцчшщъыьэюя')).toBe('abvgdeezhziiklmnoprstufkhtschshshchyeyuya');
  });

  it('transliterates the Kazakh-only letters', () => {
    expect(foldName('әғқңөұүһі')).toBe('agqnouuhi');
  });

  it('handles й and ё whether precomposed or decomposed', () => {
    expect(foldName('\u0439')).toBe('i');
    expect(foldName('\u0438\u0306')).toBe('i');
    expect(foldName('\u0451')).toBe('e');
    expect(foldName('\u0435\u0308')).toBe('e');
  });

  it('matches Russian and English spellings of the country', () => {
    expect(foldName('Казахстан')).toBe('kazakhstan');
    expect(foldName('Kazakhstan')).toBe('kazakhstan');
  });

  it('makes Cyrillic, official Latin and ad-hoc ASCII spellings meet', () => {
    expect(foldName('Шымкент')).toBe('shymkent');
    expect(foldName('Şymkent')).toBe('shymkent');
    expect(foldName('Shymkent')).toBe('shymkent');
    expect(foldName('Өскемен')).toBe(foldName('Öskemen'));
    expect(foldName('Ақтөбе')).toBe(foldName('Aqtöbe'));
    expect(foldName('Үшқоңыр')).toBe(foldName('Üşqoñyr'));
    expect(foldName('Ұлттық банк')).toBe(foldName('Ūlttyq bank'));
    expect(foldName('Ғалам')).toBe(foldName('Ğalam'));
    expect(foldName('Әлем')).toBe(foldName('Älem'));
    expect(foldName('Әлем')).toBe(foldName('Alem'));
    expect(foldName('Іле')).toBe(foldName('İle'));
    expect(foldName('Һиджра')).toBe('hidzhra');
  });

  it('transliterates Cyrillic look-alikes mixed into a Latin name (they are Cyrillic letters, not Latin)', () => {
    // A Cyrillic В in "Вinance" reads as v: a name search is no homograph detector.
    expect(foldName('\u0412inance')).toBe('vinance');
  });
});

describe('foldName: diacritics and special Latin letters', () => {
  it.each([
    ['ä', 'a'],
    ['ö', 'o'],
    ['ü', 'u'],
    ['ğ', 'g'],
    ['ñ', 'n'],
    ['ū', 'u'],
    ['ı', 'i'],
    ['é', 'e'],
    ['ç', 'c'],
    ['å', 'a'],
    ['ş', 'sh'],
    ['Ş', 'sh'],
    ['ß', 'ss'],
    ['ẞ', 'ss'],
    ['æ', 'ae'],
    ['œ', 'oe'],
    ['ø', 'o'],
    ['ł', 'l'],
    ['đ', 'd'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldName(input)).toBe(folded);
  });

  it('strips marks typed as combining characters', () => {
    expect(foldName('a\u0308lem')).toBe('alem');
    expect(foldName('s\u0327ymkent')).toBe('shymkent'); // s + combining cedilla composes to ş under NFKC
  });

  it('applies NFKC compatibility mappings (full-width, ligatures, circled digits)', () => {
    expect(foldName('ＢＩＮＡＮＣＥ')).toBe('binance');
    expect(foldName('ﬁnance')).toBe('finance');
    expect(foldName('Exchange ①')).toBe('exchange 1');
  });

  it('leaves scripts it does not transliterate readable', () => {
    expect(foldName('币安')).toBe('币安');
    expect(foldName('바이낸스')).toBe('바이낸스');
  });
});

describe('foldName: legal forms', () => {
  it.each([
    ['ТОО Example', 'example'],
    ['ЖШС Example', 'example'],
    ['Example LLP', 'example'],
    ['АО Example', 'example'],
    ['АҚ Example', 'example'],
    ['Example JSC', 'example'],
    ['Example Ltd', 'example'],
    ['Example Ltd.', 'example'],
    ['Example Limited', 'example'],
    ['Example PLC', 'example'],
    ['Example Inc.', 'example'],
    ['Example, Inc.', 'example'],
    ['EXAMPLE L.L.P.', 'example'],
    ['Example J.S.C.', 'example'],
    ['«Example» ЖШС', 'example'],
    ['Акционерное общество АО «Example»', 'aktsionernoe obshchestvo example'],
    ['Example Too Ltd', 'example'],
  ])('removes the legal form from %j', (input, folded) => {
    expect(foldName(input)).toBe(folded);
  });

  it('removes legal forms only as whole words', () => {
    expect(foldName('Tooling LLP')).toBe('tooling');
    expect(foldName('Aoki Trading')).toBe('aoki trading');
    expect(foldName('Incognito Exchange')).toBe('incognito exchange');
    expect(foldName('Ltdx')).toBe('ltdx');
    expect(foldName('Aqtau Exchange')).toBe('aqtau exchange');
  });

  it('keeps the words when a name is nothing but legal forms, so it never folds to nothing', () => {
    expect(foldName('ТОО')).toBe('too');
    expect(foldName('LLP Ltd.')).toBe('llp ltd');
  });
});

describe('foldName: punctuation and whitespace', () => {
  it.each([
    ['«Binance»', 'binance'],
    ['"Binance"', 'binance'],
    ['“Binance”', 'binance'],
    ['„Binance“', 'binance'],
    ['‹Binance›', 'binance'],
    ['Binance-Kazakhstan', 'binance kazakhstan'],
    ['Binance/Kazakhstan', 'binance kazakhstan'],
    ['Binance & Co', 'binance co'],
    ['Binance (Kazakhstan)', 'binance kazakhstan'],
    ['  Binance \t\n  Kazakhstan  ', 'binance kazakhstan'],
    ['Binance\u00a0Kazakhstan', 'binance kazakhstan'],
    ['Binance\u2003Kazakhstan', 'binance kazakhstan'],
    ['Binance | Kazakhstan', 'binance kazakhstan'],
    ['Exchange.kz', 'exchange kz'],
    ['A.B.com', 'a b com'],
    ['Crypto 24/7', 'crypto 24 7'],
  ])('folds %j to %j', (input, folded) => {
    expect(foldName(input)).toBe(folded);
  });

  it('drops apostrophes inside a word rather than splitting it', () => {
    expect(foldName("O'Brien")).toBe('obrien');
    expect(foldName('O’Brien')).toBe('obrien');
    expect(foldName("Qazaq'stan")).toBe('qazaqstan');
    expect(foldName("'Quoted'")).toBe('quoted');
  });

  it("matches the 2017 Kazakh Latin s' and c' (ш, ч) with Cyrillic and the 2021 alphabet", () => {
    expect(foldName("S'ymkent")).toBe(foldName('Шымкент'));
    expect(foldName('Şymkent')).toBe(foldName('Шымкент'));
    expect(foldName("Bas'pa C'ai'")).toBe(foldName('Башпа Чай'));
    expect(foldName("Qazaqstan Bag'dary")).toBe(foldName('Қазақстан Бағдары'));
  });

  it('folds empty, blank and punctuation-only input to the empty string', () => {
    expect(foldName('')).toBe('');
    expect(foldName('   ')).toBe('');
    expect(foldName('«»—!?')).toBe('');
  });

  it('keeps digits', () => {
    expect(foldName('Exchange 2024')).toBe('exchange 2024');
  });
});

describe('foldName: properties', () => {
  const samples = [
    'ТОО «Binance Kazakhstan»',
    'Bybit Kazakhstan Ltd.',
    'İNTERNATİONAL',
    'Қазақстан',
    'Üşqoñyr',
    'ЖШС "Ақтөбе Крипто"',
    'EXAMPLE L.L.P.',
    'ТОО',
    "O'Brien & Co",
    '币安 Kazakhstan',
  ];

  it.each(samples)('is idempotent on %j', (input) => {
    expect(foldName(foldName(input))).toBe(foldName(input));
  });

  it.each(samples)('produces lower-case words separated by single spaces for %j', (input) => {
    const folded = foldName(input);
    expect(folded).toBe(folded.trim());
    expect(folded).not.toMatch(/\s{2,}/);
    expect(folded).not.toMatch(/[A-Z]/);
    expect(folded).not.toMatch(/[\u0400-\u04ff]/);
  });
});

describe('foldedSearchText', () => {
  it('joins the folded names with " | "', () => {
    expect(foldedSearchText(['ТОО «Binance Kazakhstan»', 'Бинанс Казахстан', 'Binance'])).toBe(
      'binance kazakhstan | binans kazakhstan | binance',
    );
  });

  it('drops names that fold to the same text, keeping the first occurrence’s position', () => {
    expect(foldedSearchText(['Қазақстан', 'Binance', 'ҚАЗАҚСТАН', 'Qazaqstan'])).toBe('qazaqstan | binance');
    expect(foldedSearchText(['Bybit Kazakhstan Ltd.', 'BYBIT KAZAKHSTAN', 'Bybit Kazakhstan LLP'])).toBe(
      'bybit kazakhstan',
    );
  });

  it('drops names that fold to nothing', () => {
    expect(foldedSearchText(['', '  ', '«»', 'Binance'])).toBe('binance');
  });

  it('is empty for no names', () => {
    expect(foldedSearchText([])).toBe('');
    expect(foldedSearchText([''])).toBe('');
  });

  it('lets a folded query match as a substring of the column, across scripts', () => {
    const column = foldedSearchText(['ТОО «Ақтөбе Биржа»', 'Aqtobe Exchange LLP']);
    expect(column).toBe('aqtobe birzha | aqtobe exchange');
    expect(column).toContain(foldName('АҚТӨБЕ'));
    expect(column).toContain(foldName('Aqtöbe Exchange'));
    expect(column).toContain(foldName('биржа'));
  });
});
