// What the platform itself says in problem details, in kk, ru and en: titles per status, and the details of the
// problems no feature raises (the router's, the body parser's, the HTTP server's, the validation pipe's).
import type { Lang } from '../i18n/languages.js';
import type { Catalogue } from '../i18n/translate.js';

export const STATUS_TITLES = {
  400: { en: 'Bad request', ru: 'Неверный запрос', kk: 'Қате сұрау' },
  401: { en: 'Unauthorized', ru: 'Требуется авторизация', kk: 'Авторизация қажет' },
  403: { en: 'Forbidden', ru: 'Доступ запрещён', kk: 'Қолжетімділікке тыйым салынған' },
  404: { en: 'Not found', ru: 'Не найдено', kk: 'Табылмады' },
  405: { en: 'Method not allowed', ru: 'Метод не разрешён', kk: 'Әдіске рұқсат жоқ' },
  406: { en: 'Not acceptable', ru: 'Неприемлемо', kk: 'Қабылданбайды' },
  408: { en: 'Request timeout', ru: 'Время ожидания запроса истекло', kk: 'Сұрауды күту уақыты өтті' },
  409: { en: 'Conflict', ru: 'Конфликт', kk: 'Қайшылық' },
  410: { en: 'Gone', ru: 'Больше недоступно', kk: 'Енді қолжетімсіз' },
  412: { en: 'Precondition failed', ru: 'Предусловие не выполнено', kk: 'Алғышарт орындалмады' },
  413: { en: 'Content too large', ru: 'Слишком большое тело запроса', kk: 'Сұрау денесі тым үлкен' },
  414: { en: 'URI too long', ru: 'Слишком длинный URI', kk: 'URI тым ұзын' },
  415: { en: 'Unsupported media type', ru: 'Неподдерживаемый тип содержимого', kk: 'Қолдау көрсетілмейтін мазмұн түрі' },
  422: { en: 'Unprocessable content', ru: 'Невозможно обработать содержимое', kk: 'Мазмұнды өңдеу мүмкін емес' },
  428: { en: 'Precondition required', ru: 'Требуется предусловие', kk: 'Алғышарт қажет' },
  429: { en: 'Too many requests', ru: 'Слишком много запросов', kk: 'Сұраулар тым көп' },
  431: { en: 'Request header fields too large', ru: 'Слишком большие заголовки запроса', kk: 'Сұрау тақырыптары тым үлкен' },
  500: { en: 'Internal server error', ru: 'Внутренняя ошибка сервера', kk: 'Сервердің ішкі қатесі' },
  503: { en: 'Service unavailable', ru: 'Сервис недоступен', kk: 'Қызмет қолжетімсіз' },
} satisfies Record<number, Record<Lang, string>>;

export const FALLBACK_TITLES = {
  client: { en: 'Client error', ru: 'Ошибка клиента', kk: 'Клиент қатесі' },
  server: { en: 'Server error', ru: 'Ошибка сервера', kk: 'Сервер қатесі' },
} satisfies Catalogue<'client' | 'server'>;

export type PlatformMessage =
  | 'internal-error'
  | 'validation-failed'
  | 'route-not-found'
  | 'method-not-allowed'
  | 'malformed-json'
  | 'empty-json-body'
  | 'json-too-deep'
  | 'unsupported-media-type'
  | 'content-too-large'
  | 'content-length-mismatch'
  | 'malformed-url'
  | 'path-segment-too-long'
  | 'malformed-request'
  | 'header-fields-too-large'
  | 'missing-host'
  | 'request-timeout'
  | 'rate-limited'
  | 'rate-limited-key'
  | 'invalid-characters'
  | 'invalid-characters-field'
  | 'query-not-encoded'
  | 'query-not-encoded-field'
  | 'duplicate-record'
  | 'referenced-record'
  | 'rule-broken'
  | 'history-record'
  | 'wrong-form'
  | 'database-unreachable'
  | 'database-timeout'
  | 'database-read-only'
  | 'database-full'
  | 'response-timeout';

export const PLATFORM_MESSAGES: Catalogue<PlatformMessage> = {
  'internal-error': {
    en: 'An unexpected error occurred. Quote the request id when reporting it.',
    ru: 'Произошла непредвиденная ошибка. Сообщая о ней, укажите идентификатор запроса (requestId).',
    kk: 'Күтпеген қате орын алды. Ол туралы хабарлағанда сұрау идентификаторын (requestId) көрсетіңіз.',
  },
  'validation-failed': {
    en: 'The request has invalid fields.',
    ru: 'В запросе есть недопустимые поля.',
    kk: 'Сұрауда жарамсыз өрістер бар.',
  },
  'route-not-found': {
    en: 'Nothing answers {method} {path}. The entry points of the API are listed at / and described at /docs.',
    ru: 'По запросу {method} {path} ничего нет. Точки входа API перечислены на странице /, их описание — на /docs.',
    kk: '{method} {path} сұрауына жауап беретін ештеңе жоқ. API-дің кіру нүктелері / бетінде берілген, сипаттамасы /docs бетінде.',
  },
  'method-not-allowed': {
    en: '{path} does not answer {method}; it answers {allowed}.',
    ru: '{path} не поддерживает метод {method}; допустимые методы: {allowed}.',
    kk: '{path} {method} әдісін қолдамайды; рұқсат етілген әдістер: {allowed}.',
  },
  'malformed-json': {
    en: 'The body is not valid JSON.',
    ru: 'Тело запроса не является корректным JSON.',
    kk: 'Сұрау денесі жарамды JSON емес.',
  },
  'empty-json-body': {
    en: 'The body is empty, but its Content-Type says JSON.',
    ru: 'Тело запроса пустое, хотя Content-Type указывает JSON.',
    kk: 'Сұрау денесі бос, бірақ Content-Type оны JSON деп көрсетеді.',
  },
  'json-too-deep': {
    en: 'The JSON body is nested more than {max} levels deep.',
    ru: 'JSON в теле запроса вложен глубже чем на {max} уровня.',
    kk: 'Сұрау денесіндегі JSON {max} деңгейден тереңірек салынған.',
  },
  'unsupported-media-type': {
    en: 'This route takes a JSON body: send it with Content-Type: application/json.',
    ru: 'Этот адрес принимает тело запроса в формате JSON: отправьте его с заголовком Content-Type: application/json.',
    kk: 'Бұл мекенжай JSON пішіміндегі денені қабылдайды: оны Content-Type: application/json тақырыбымен жіберіңіз.',
  },
  'content-too-large': {
    en: 'The body is larger than the {limit} bytes allowed.',
    ru: 'Тело запроса больше допустимых {limit} байт.',
    kk: 'Сұрау денесі рұқсат етілген {limit} байттан үлкен.',
  },
  'content-length-mismatch': {
    en: 'The size of the body does not match its Content-Length.',
    ru: 'Размер тела запроса не совпадает с Content-Length.',
    kk: 'Сұрау денесінің өлшемі Content-Length мәніне сәйкес келмейді.',
  },
  'malformed-url': {
    en: 'The URL is not valid: percent-encode every character outside ASCII (in JavaScript, encodeURIComponent; with curl, --data-urlencode) and every % that does not start an escape.',
    ru: 'Недопустимый URL: закодируйте процентной кодировкой каждый символ вне ASCII (в JavaScript — encodeURIComponent, в curl — --data-urlencode) и каждый знак %, который не начинает такой код.',
    kk: 'URL жарамсыз: ASCII-ден тыс әр таңбаны және код бастамайтын әр % белгісін пайыздық кодтаңыз (JavaScript-те encodeURIComponent, curl-да --data-urlencode).',
  },
  'path-segment-too-long': {
    en: 'A segment of the path is longer than {max} characters.',
    ru: 'Сегмент пути длиннее {max} символов.',
    kk: 'Жолдың бір бөлігі {max} таңбадан ұзын.',
  },
  'malformed-request': {
    en: 'The request is not valid HTTP. If its URL holds characters outside ASCII, percent-encode them (in JavaScript, encodeURIComponent; with curl, --data-urlencode).',
    ru: 'Запрос не соответствует протоколу HTTP. Если в его URL есть символы вне ASCII, закодируйте их процентной кодировкой (в JavaScript — encodeURIComponent, в curl — --data-urlencode).',
    kk: 'Сұрау HTTP хаттамасына сәйкес емес. Егер оның URL-інде ASCII-ден тыс таңбалар болса, оларды пайыздық кодтаңыз (JavaScript-те encodeURIComponent, curl-да --data-urlencode).',
  },
  'header-fields-too-large': {
    en: 'The request line and headers are larger than the server accepts.',
    ru: 'Строка запроса и заголовки больше, чем принимает сервер.',
    kk: 'Сұрау жолы мен тақырыптары сервер қабылдайтыннан үлкен.',
  },
  'missing-host': {
    en: 'An HTTP/1.1 request needs a Host header.',
    ru: 'Запросу HTTP/1.1 нужен заголовок Host.',
    kk: 'HTTP/1.1 сұрауына Host тақырыбы қажет.',
  },
  'request-timeout': {
    en: 'The request did not arrive in full in time.',
    ru: 'Запрос не был получен полностью за отведённое время.',
    kk: 'Сұрау белгіленген уақытта толық келмеді.',
  },
  'rate-limited': {
    en: 'More than {max} requests a minute from this address: retry in {seconds} s.',
    ru: 'С этого адреса больше {max} запросов в минуту: повторите через {seconds} с.',
    kk: 'Бұл мекенжайдан минутына {max} сұраудан көп: {seconds} с кейін қайталаңыз.',
  },
  'rate-limited-key': {
    en: 'More than {max} requests a minute with this API key: retry in {seconds} s.',
    ru: 'С этим ключом API больше {max} запросов в минуту: повторите через {seconds} с.',
    kk: 'Бұл API кілтімен минутына {max} сұраудан көп: {seconds} с кейін қайталаңыз.',
  },
  'invalid-characters': {
    en: 'The request has text with a NUL character (U+0000) or an unpaired surrogate (broken UTF-16), which no field accepts.',
    ru: 'В запросе есть текст с символом NUL (U+0000) или непарным суррогатом (повреждённый UTF-16); такие символы не принимает ни одно поле.',
    kk: 'Сұраудағы мәтінде NUL (U+0000) таңбасы немесе жұпсыз суррогат (бұзылған UTF-16) бар; мұндай таңбаларды ешбір өріс қабылдамайды.',
  },
  'invalid-characters-field': {
    en: '{field} must not contain a NUL character (U+0000) or an unpaired surrogate',
    ru: '{field}: не должно содержать символ NUL (U+0000) или непарный суррогат',
    kk: '{field}: NUL (U+0000) таңбасы немесе жұпсыз суррогат болмауы керек',
  },
  'query-not-encoded': {
    en: 'The value of {owner} holds a link with its own query, and its & ended {owner} early, so {params} arrived as parameters of their own. Percent-encode the value of {owner} (in JavaScript, encodeURIComponent; with curl, -G --data-urlencode).',
    ru: 'Значение {owner} содержит ссылку со своими параметрами, и её знак & оборвал {owner}, поэтому {params} пришли как отдельные параметры. Закодируйте значение {owner} процентной кодировкой (в JavaScript — encodeURIComponent, в curl — -G --data-urlencode).',
    kk: '{owner} мәнінде өз параметрлері бар сілтеме бар, оның & белгісі {owner} мәнін ерте үзді, сондықтан {params} бөлек параметрлер болып келді. {owner} мәнін пайыздық кодтаңыз (JavaScript-те encodeURIComponent, curl-да -G --data-urlencode).',
  },
  'query-not-encoded-field': {
    en: '{field} is not a parameter of this request: if it belongs to the link in {owner}, percent-encode {owner}',
    ru: '{field} не является параметром этого запроса: если это часть ссылки в {owner}, закодируйте {owner} процентной кодировкой',
    kk: '{field} бұл сұраудың параметрі емес: егер ол {owner} ішіндегі сілтеменің бөлігі болса, {owner} мәнін пайыздық кодтаңыз',
  },
  'duplicate-record': {
    en: 'A record with the same unique value already exists.',
    ru: 'Запись с таким же уникальным значением уже существует.',
    kk: 'Осындай бірегей мәні бар жазба бұрыннан бар.',
  },
  'referenced-record': {
    en: 'The record refers to, or is referred to by, another record.',
    ru: 'Запись ссылается на другую запись или другая запись ссылается на неё.',
    kk: 'Жазба басқа жазбаға сілтейді немесе басқа жазба оған сілтейді.',
  },
  'rule-broken': {
    en: 'The record breaks a rule of the registry.',
    ru: 'Запись нарушает правило реестра.',
    kk: 'Жазба тізілім ережесін бұзады.',
  },
  'history-record': {
    en: 'The record is history and cannot be changed that way.',
    ru: 'Запись относится к истории и не может быть так изменена.',
    kk: 'Жазба тарихқа жатады, оны былай өзгертуге болмайды.',
  },
  'wrong-form': {
    en: 'A value has the wrong form.',
    ru: 'Значение имеет неверный вид.',
    kk: 'Мәннің пішімі қате.',
  },
  'database-unreachable': {
    en: 'The registry cannot reach its database just now: retry in a few seconds. A creating request retried with the same Idempotency-Key is applied at most once.',
    ru: 'Реестр сейчас не может связаться со своей базой данных: повторите запрос через несколько секунд. Создающий запрос, повторённый с тем же Idempotency-Key, выполняется не более одного раза.',
    kk: 'Тізілім қазір өз дерекқорына қосыла алмайды: сұрауды бірнеше секундтан кейін қайталаңыз. Сол Idempotency-Key кілтімен қайталанған құру сұрауы бір реттен артық орындалмайды.',
  },
  'database-timeout': {
    en: 'The registry\'s database did not answer in time (it is busy, or another change holds what this one needs): retry in a few seconds. A creating request retried with the same Idempotency-Key is applied at most once.',
    ru: 'База данных реестра не ответила вовремя (она занята или другое изменение удерживает то, что нужно этому): повторите запрос через несколько секунд. Создающий запрос, повторённый с тем же Idempotency-Key, выполняется не более одного раза.',
    kk: 'Тізілім дерекқоры уақытында жауап бермеді (ол бос емес немесе басқа өзгеріс осы сұрауға қажетті нәрсені ұстап тұр): сұрауды бірнеше секундтан кейін қайталаңыз. Сол Idempotency-Key кілтімен қайталанған құру сұрауы бір реттен артық орындалмайды.',
  },
  'database-read-only': {
    en: 'The registry\'s database accepts only reads just now (maintenance or a failover): reads work, changes cannot be made. Retry the change later.',
    ru: 'База данных реестра сейчас принимает только чтение (обслуживание или переключение на резервный сервер): чтение работает, изменения внести нельзя. Повторите изменение позже.',
    kk: 'Тізілім дерекқоры қазір тек оқуды қабылдайды (техникалық қызмет көрсету немесе резервтік серверге ауысу): оқу жұмыс істейді, өзгеріс енгізу мүмкін емес. Өзгерісті кейінірек қайталаңыз.',
  },
  'database-full': {
    en: 'The registry\'s database has run out of disk space: reads work, changes cannot be stored, and nothing of this one was. Retry the change later.',
    ru: 'На диске базы данных реестра закончилось место: чтение работает, изменения сохранить нельзя, и ничего из этого изменения не сохранено. Повторите изменение позже.',
    kk: 'Тізілім дерекқорының дискісінде орын таусылды: оқу жұмыс істейді, өзгерістерді сақтау мүмкін емес, бұл өзгерістен ештеңе сақталған жоқ. Өзгерісті кейінірек қайталаңыз.',
  },
  'response-timeout': {
    en: 'The request was not answered within {seconds} s: retry it. A change may still have been made: read it back first, or retry a creating request with the same Idempotency-Key.',
    ru: 'На запрос не ответили за {seconds} с: повторите его. Изменение всё же могло быть внесено: сначала прочитайте запись, или повторите создающий запрос с тем же Idempotency-Key.',
    kk: 'Сұрауға {seconds} с ішінде жауап берілмеді: оны қайталаңыз. Өзгеріс бәрібір енгізілген болуы мүмкін: алдымен жазбаны оқып шығыңыз немесе құру сұрауын сол Idempotency-Key кілтімен қайталаңыз.',
  },
};
