/**
 * A seeded generator of realistic synthetic Shanghai organisations for demos, tests and benchmarks.
 * Codes pass the GB 32100-2015 check; names are invented from common word parts, never real firms.
 */
import { createRng, type Rng } from '../random.js';
import type { OrganisationFields } from './organisation.js';
import { DISTRICTS, type ListingStatus, type OrganisationKind } from './taxonomy.js';
import { USCC_ALPHABET, usccCheckCharacter } from './uscc.js';

// Generic word parts only: no real company's brand, so a demo name never impersonates a firm.
const BRANDS = [
  '启航', '蓝海', '星辰', '云帆', '恒信', '博源', '泓达', '睿思', '长风', '新澜', '瀚海', '明德', '正阳', '鼎新', '嘉禾',
  '恒拓', '精诚', '致远', '青禾', '远帆', '澄明', '和光', '若水', '知行', '弘毅', '思源', '立达', '安泽', '晨曦', '沐川',
  '丰禾', '观澜', '望舒', '聚力', '同创', '海纳', '元启', '衡远', '舟行', '恒川', '锦程', '春申', '浦江', '申江', '临港',
];
const SUFFIX = ['有限公司', '股份有限公司', '科技有限公司', '技术股份有限公司'];

/** Industry classes with the business words that fit them and a weight of how common they are. */
const PROFILES: readonly { code: string; words: string[]; weight: number }[] = [
  { code: 'C3973', words: ['集成电路', '半导体', '微电子'], weight: 6 },
  { code: 'I6520', words: ['芯片设计', '集成电路设计'], weight: 5 },
  { code: 'C3562', words: ['半导体设备', '精密装备'], weight: 2 },
  { code: 'C3985', words: ['电子材料', '硅材料'], weight: 2 },
  { code: 'C2720', words: ['医药', '制药'], weight: 5 },
  { code: 'C2761', words: ['生物医药', '生物技术'], weight: 5 },
  { code: 'C3581', words: ['医疗器械', '医疗科技'], weight: 4 },
  { code: 'M7340', words: ['医学研究', '临床研究'], weight: 1 },
  { code: 'I6513', words: ['软件', '信息技术'], weight: 8 },
  { code: 'I6550', words: ['人工智能', '智能科技', '数据智能'], weight: 5 },
  { code: 'C3491', words: ['机器人', '智能装备'], weight: 3 },
  { code: 'C3964', words: ['服务机器人'], weight: 1 },
  { code: 'C3921', words: ['通信', '通信设备'], weight: 3 },
  { code: 'C3911', words: ['计算机', '电子科技'], weight: 2 },
  { code: 'C3612', words: ['新能源汽车'], weight: 2 },
  { code: 'C3670', words: ['汽车零部件', '汽车电子'], weight: 5 },
  { code: 'C3741', words: ['航空', '飞机'], weight: 1 },
  { code: 'C3742', words: ['航天', '卫星'], weight: 1 },
  { code: 'C3415', words: ['机电', '动力工具'], weight: 2 },
  { code: 'C4011', words: ['自动化', '仪器仪表'], weight: 3 },
  { code: 'C2651', words: ['新材料', '高分子材料'], weight: 3 },
  { code: 'C3240', words: ['合金材料', '金属材料'], weight: 2 },
  { code: 'C3841', words: ['新能源', '储能'], weight: 2 },
  { code: 'C3825', words: ['光伏', '光电'], weight: 1 },
  { code: 'C2680', words: ['日化', '化妆品'], weight: 2 },
  { code: 'C1810', words: ['服饰', '时装'], weight: 2 },
  { code: 'C2438', words: ['珠宝', '工艺品'], weight: 1 },
  { code: 'I6420', words: ['网络科技', '互联网'], weight: 4 },
  { code: 'M7320', words: ['工程技术', '技术研究'], weight: 6 },
  { code: 'M7310', words: ['科研服务', '技术开发'], weight: 6 },
  { code: 'F5191', words: ['电子商务', '贸易'], weight: 4 },
];
const TOTAL_WEIGHT = PROFILES.reduce((s, p) => s + p.weight, 0);

/** District weights roughly following where Shanghai's tech firms are (Pudong, Minhang, Jiading…). */
const DISTRICT_WEIGHTS: Record<string, number> = {
  '310115': 22, '310112': 11, '310114': 9, '310117': 8, '310104': 7, '310113': 6, '310110': 5, '310118': 5, '310120': 5,
  '310107': 4, '310106': 4, '310116': 3, '310105': 3, '310101': 2, '310109': 2, '310151': 2,
};
const DISTRICT_TOTAL = Object.values(DISTRICT_WEIGHTS).reduce((a, b) => a + b, 0);

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)] as T;
}

function weighted<T>(rng: Rng, items: readonly T[], weight: (t: T) => number, total: number): T {
  let r = rng.next() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** A code that passes the check: registration authority + type, the district, a 9-character body. */
export function syntheticUscc(rng: Rng, district: string, prefix = '91'): string {
  let body = prefix + district;
  while (body.length < 17) body += USCC_ALPHABET[rng.int(USCC_ALPHABET.length)];
  return body + usccCheckCharacter(body);
}

function date(rng: Rng, fromYear: number, toYear: number): string {
  const y = fromYear + rng.int(toYear - fromYear + 1);
  const m = 1 + rng.int(12);
  const d = 1 + rng.int(28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function listing(rng: Rng): ListingStatus {
  const r = rng.next();
  return r < 0.06 ? 'star_market' : r < 0.14 ? 'main_board' : r < 0.18 ? 'other' : 'unlisted';
}

export interface SyntheticOptions {
  count: number;
  seed: string | number;
  /** Latest establishment year (the generator has no clock). */
  untilYear: number;
}

/** `count` organisations, distinct codes and names; ~95% enterprises, the rest universities, institutes, hospitals. */
export function syntheticOrganisations(options: SyntheticOptions): OrganisationFields[] {
  const rng = createRng(options.seed);
  const codes = new Set<string>();
  const names = new Set<string>();
  const out: OrganisationFields[] = [];
  while (out.length < options.count) {
    const district = weighted(rng, DISTRICTS, (d) => DISTRICT_WEIGHTS[d.code] ?? 1, DISTRICT_TOTAL);
    const r = rng.next();
    const kind: OrganisationKind = r < 0.95 ? 'enterprise' : r < 0.97 ? 'university' : r < 0.99 ? 'institute' : 'hospital';
    const shortDistrict = district.zh.replace(/(新区|区)$/, '');
    let name: string;
    let industryCode: string;
    if (kind === 'enterprise') {
      const p = weighted(rng, PROFILES, (x) => x.weight, TOTAL_WEIGHT);
      industryCode = p.code;
      name = `上海${pick(rng, BRANDS)}${pick(rng, BRANDS).slice(0, 1)}${pick(rng, p.words)}${pick(rng, SUFFIX)}`;
    } else if (kind === 'university') {
      industryCode = 'P8311';
      name = `上海${pick(rng, BRANDS)}${pick(rng, ['理工', '科技', '工程', '信息'])}大学${shortDistrict}校区`;
    } else if (kind === 'institute') {
      industryCode = pick(rng, ['M7320', 'M7340']);
      name = `上海${pick(rng, BRANDS)}${pick(rng, ['微系统', '先进材料', '智能制造', '生物医学', '集成电路'])}研究院`;
    } else {
      industryCode = 'Q8411';
      name = `上海市${shortDistrict}${pick(rng, BRANDS)}医院`;
    }
    if (names.has(name)) continue;
    const prefix = kind === 'enterprise' ? '91' : '12';
    const uscc = syntheticUscc(rng, district.code, prefix);
    if (codes.has(uscc)) continue;
    codes.add(uscc);
    names.add(name);
    out.push({
      uscc, name, kind, district: district.code, industryCode,
      established: date(rng, kind === 'enterprise' ? 1990 : 1952, options.untilYear),
      listing: kind === 'enterprise' ? listing(rng) : 'unlisted',
      groupsOverride: null, talentFieldsOverride: null,
      contacts: [{ name: `${pick(rng, ['王', '李', '张', '刘', '陈', '杨', '周', '吴'])}${pick(rng, ['伟', '芳', '敏', '静', '磊', '洋', '勇', '军'])}`, role: '科技管理', phone: `021-${5000_0000 + rng.int(4000_0000)}` }],
    });
  }
  return out;
}
