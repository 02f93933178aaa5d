// Every file a blocklist publication carries, in one list the publisher walks.
import type { BlocklistFormat } from './blocklist-format.js';
import { CIDR_FORMAT } from './cidr.format.js';
import { CSV_FORMAT } from './csv.format.js';
import { DNSMASQ_FORMAT } from './dnsmasq.format.js';
import { DOMAINS_FORMAT } from './domains.format.js';
import { HOSTS_FORMAT } from './hosts.format.js';
import { IP_FORMAT } from './ip.format.js';
import { NDJSON_FORMAT } from './ndjson.format.js';
import { RPZ_FORMAT } from './rpz.format.js';
import { SET_FORMAT } from './set.format.js';
import { UNBOUND_FORMAT } from './unbound.format.js';
import { URLS_FORMAT } from './urls.format.js';

export const BLOCKLIST_FORMATS: readonly BlocklistFormat[] = [
  RPZ_FORMAT,
  UNBOUND_FORMAT,
  DNSMASQ_FORMAT,
  HOSTS_FORMAT,
  DOMAINS_FORMAT,
  IP_FORMAT,
  CIDR_FORMAT,
  URLS_FORMAT,
  CSV_FORMAT,
  NDJSON_FORMAT,
  SET_FORMAT,
];
