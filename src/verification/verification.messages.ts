// What a verification says, in kk, ru and en: each status with what to do next, and each feature's explanation.
import type { Catalogue } from '../platform/i18n/translate.js';

const NOT_PROOF = {
  en: 'Not being listed is not proof of anything: the registry holds AIFC licences, blocks and AFSA warnings only.',
  ru: 'Отсутствие в реестре ничего не доказывает: реестр содержит только лицензии МФЦА, блокировки и предупреждения AFSA.',
  kk: 'Тізілімде болмауы ештеңені дәлелдемейді: тізілімде тек АХҚО лицензиялары, бұғаттаулар және AFSA ескертулері бар.',
};

export const VERIFICATION_MESSAGES = {
  licensed: {
    en: '{name} held an AIFC licence in force on {day}.',
    ru: '{name} на {day} имела действующую лицензию МФЦА.',
    kk: '{name} {day} күні АХҚО-ның қолданыстағы лицензиясына ие болды.',
  },
  suspended: {
    en: "{name}'s licence was suspended on {day} and none was in force: do not treat it as licensed for that day.",
    ru: 'Лицензия {name} на {day} была приостановлена, действующей не было: не считайте компанию лицензированной на эту дату.',
    kk: '{name} лицензиясы {day} күні тоқтатылған, қолданыстағысы болмады: бұл күнге лицензияланған деп есептемеңіз.',
  },
  'firm-not-licensed': {
    en: '{name} is in the registry but held no licence in force on {day}.',
    ru: '{name} есть в реестре, но на {day} не имела действующей лицензии.',
    kk: '{name} тізілімде бар, бірақ {day} күні қолданыстағы лицензиясы болмады.',
  },
  'firm-not-yet-licensed': {
    en: '{name} is in the registry, but its licence had not been granted yet on {day}.',
    ru: '{name} есть в реестре, но на {day} лицензия ещё не была выдана.',
    kk: '{name} тізілімде бар, бірақ {day} күні лицензия әлі берілмеген болатын.',
  },
  blocked: {
    en: '{name} was blocked in Kazakhstan on {day}: it is not licensed. Do not transact; follow your AML procedure.',
    ru: '{name} на {day} была заблокирована в Казахстане и не имеет лицензии. Не проводите операции; действуйте по процедуре ПОД/ФТ.',
    kk: '{name} {day} күні Қазақстанда бұғатталған және лицензиясы жоқ. Операция жүргізбеңіз; AML/ТҚҚ рәсімін орындаңыз.',
  },
  'block-lifted': {
    en: "{name}'s block had been lifted by {day}; it held no licence in the registry on that day.",
    ru: 'Блокировка {name} к {day} была снята; лицензии в реестре на эту дату у неё не было.',
    kk: '{name} бұғаттауы {day} күніне дейін алынған; бұл күні тізілімде лицензиясы болмады.',
  },
  'block-later': {
    en: '{name} was blocked only after {day}; it held no licence in the registry on that day.',
    ru: '{name} была заблокирована только после {day}; лицензии в реестре на эту дату у неё не было.',
    kk: '{name} тек {day} күнінен кейін бұғатталды; бұл күні тізілімде лицензиясы болмады.',
  },
  warned: {
    en: 'A regulator warning named {name} as unlicensed on {day}. Do not treat it as licensed.',
    ru: 'На {day} действовало предупреждение регулятора о том, что {name} не имеет лицензии. Не считайте её лицензированной.',
    kk: '{day} күні {name} лицензиясыз деп реттеушінің ескертуі қолданыста болды. Оны лицензияланған деп есептемеңіз.',
  },
  'warning-withdrawn': {
    en: 'A regulator warning about {name} had been withdrawn by {day}; it held no licence in the registry on that day.',
    ru: 'Предупреждение регулятора о {name} к {day} было отозвано; лицензии в реестре на эту дату не было.',
    kk: '{name} туралы реттеуші ескертуі {day} күніне дейін кері қайтарылған; бұл күні тізілімде лицензия болмады.',
  },
  'warning-later': {
    en: 'A regulator warning named {name} only after {day}; it held no licence in the registry on that day.',
    ru: 'Регулятор предупредил о {name} только после {day}; лицензии в реестре на эту дату не было.',
    kk: 'Реттеуші {name} туралы тек {day} күнінен кейін ескертті; бұл күні тізілімде лицензия болмады.',
  },
  not_found: {
    en: `Nothing in the registry matches on {day}. ${NOT_PROOF.en}`,
    ru: `На {day} в реестре нет совпадений. ${NOT_PROOF.ru}`,
    kk: `{day} күні тізілімде сәйкестік жоқ. ${NOT_PROOF.kk}`,
  },
  ambiguous: {
    en: '{first} and {second} match about equally well: add an identifier (BIN, LEI, licence number) or a domain.',
    ru: '{first} и {second} подходят почти одинаково: добавьте идентификатор (БИН, LEI, номер лицензии) или домен.',
    kk: '{first} және {second} бірдей дерлік сәйкес келеді: сәйкестендіргішті (БСН, LEI, лицензия нөмірі) немесе доменді қосыңыз.',
  },
  'bin-matched': { en: 'The BIN {value} is this record’s.', ru: 'БИН {value} принадлежит этой записи.', kk: '{value} БСН осы жазбаға тиесілі.' },
  'bin-not-matched': { en: 'The BIN {value} is not this record’s.', ru: 'БИН {value} не принадлежит этой записи.', kk: '{value} БСН осы жазбаға тиесілі емес.' },
  'lei-matched': { en: 'The LEI {value} is this record’s.', ru: 'LEI {value} принадлежит этой записи.', kk: '{value} LEI осы жазбаға тиесілі.' },
  'lei-not-matched': { en: 'The LEI {value} is not this record’s.', ru: 'LEI {value} не принадлежит этой записи.', kk: '{value} LEI осы жазбаға тиесілі емес.' },
  'licenceNumber-matched': {
    en: 'Licence {value} is this firm’s.',
    ru: 'Лицензия {value} принадлежит этой компании.',
    kk: '{value} лицензиясы осы компанияға тиесілі.',
  },
  'licenceNumber-not-matched': {
    en: 'Licence {value} is not this record’s.',
    ru: 'Лицензия {value} не принадлежит этой записи.',
    kk: '{value} лицензиясы осы жазбаға тиесілі емес.',
  },
  'name-matched': {
    en: 'The name, folded across scripts and without its legal form, is close to “{name}” (similarity {similarity}).',
    ru: 'Название без организационно-правовой формы, приведённое к одной письменности, близко к «{name}» (сходство {similarity}).',
    kk: 'Ұйымдық-құқықтық нысансыз, бір жазуға келтірілген атау «{name}» атауына жақын (ұқсастық {similarity}).',
  },
  'name-not-matched': {
    en: 'The name “{value}” is not close to this record’s names.',
    ru: 'Название «{value}» не похоже на названия этой записи.',
    kk: '«{value}» атауы осы жазбаның атауларына ұқсамайды.',
  },
  'domain-matched': {
    en: 'The domain {value} is named in this record.',
    ru: 'Домен {value} указан в этой записи.',
    kk: '{value} домені осы жазбада көрсетілген.',
  },
  'domain-under': {
    en: 'The domain {value} is under {via}, which this record names.',
    ru: 'Домен {value} входит в {via}, указанный в этой записи.',
    kk: '{value} домені осы жазбада көрсетілген {via} доменіне кіреді.',
  },
  'domain-not-matched': {
    en: 'The domain {value} is not named in this record.',
    ru: 'Домен {value} не указан в этой записи.',
    kk: '{value} домені осы жазбада көрсетілмеген.',
  },
} satisfies Catalogue<string>;

/** Why an `asOf` cannot be answered. */
export const AS_OF_MESSAGES = {
  future: {
    en: '{field} {day} is in the future (today in Kazakhstan is {today}): the registry answers for days that have happened',
    ru: '{field} {day} — дата в будущем (сегодня в Казахстане {today}): реестр отвечает только за прошедшие дни',
    kk: '{field} {day} — болашақ күн (Қазақстанда бүгін {today}): тізілім тек өткен күндер үшін жауап береді',
  },
  'before-records': {
    en: "{field} {day} is before the registry's earliest record ({earliest}): it cannot say how things stood then",
    ru: '{field} {day} раньше самой ранней записи реестра ({earliest}): реестр не может сказать, как обстояли дела тогда',
    kk: '{field} {day} тізілімнің ең ерте жазбасынан ({earliest}) бұрын: тізілім ол кездегі жағдайды айта алмайды',
  },
} satisfies Catalogue<string>;

/** What is wrong with a query or a batch as a whole. */
export const QUERY_MESSAGES = {
  'nothing-to-match': {
    en: 'Give at least one of bin, lei, licenceNumber, name or domain',
    ru: 'Укажите хотя бы одно из полей bin, lei, licenceNumber, name или domain',
    kk: 'bin, lei, licenceNumber, name немесе domain өрістерінің кемінде біреуін көрсетіңіз',
  },
  'reference-missing': {
    en: 'Each item needs a reference of its own (a non-empty string), by which its answer is returned',
    ru: 'Каждому элементу нужна собственная ссылка reference (непустая строка), по которой возвращается ответ',
    kk: 'Әр элементке жауап қайтарылатын өз reference сілтемесі (бос емес жол) қажет',
  },
  'reference-repeated': {
    en: 'The reference {reference} is already used by item {first}: references must be unique within a batch',
    ru: 'Ссылка {reference} уже использована элементом {first}: ссылки в пакете не должны повторяться',
    kk: '{reference} сілтемесі {first} элементінде қолданылған: пакет ішінде сілтемелер қайталанбауы керек',
  },
  'invalid-item': {
    en: 'This item was not checked: its input is wrong (see errors). The other items were answered.',
    ru: 'Этот элемент не проверен: данные неверны (см. errors). Остальные элементы обработаны.',
    kk: 'Бұл элемент тексерілмеді: деректері қате (errors қараңыз). Қалған элементтерге жауап берілді.',
  },
  'duplicate-references': {
    en: 'Two or more items share a reference: nothing was checked',
    ru: 'У двух или более элементов одинаковая ссылка reference: ничего не проверено',
    kk: 'Екі немесе одан көп элементтің reference сілтемесі бірдей: ештеңе тексерілмеді',
  },
} satisfies Catalogue<string>;
