// Every blocked URL (normalised as the check reads links), one per line and nothing else, for filtering proxies.
import { assertOneLine, type BlocklistFormat } from './blocklist-format.js';

export const URLS_FORMAT: BlocklistFormat = {
  format: 'urls',
  fileName: 'urls.txt',
  mediaType: 'text/plain; charset=utf-8',
  kinds: ['url'],
  subtrees: false,
  note: 'A plain list does not say which URLs also block the paths below them: the CSV and the NDJSON do.',
  header: () => '',
  line: (entry) => (entry.kind === 'url' ? `${assertOneLine(entry.value)}\n` : ''),
  footer: () => '',
};
