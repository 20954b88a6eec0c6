/**
 * Taxonomies shipped as defaults: Shanghai's districts, the "3+6" industrial system,
 * the talent award's 8 key fields, organisation kinds and listing statuses.
 */

export interface District {
  /** Administrative division code (行政区划代码). */
  code: string;
  zh: string;
  en: string;
}

/** Shanghai's 16 districts (上海市16个区). */
export const DISTRICTS: readonly District[] = [
  { code: '310101', zh: '黄浦区', en: 'Huangpu' },
  { code: '310104', zh: '徐汇区', en: 'Xuhui' },
  { code: '310105', zh: '长宁区', en: 'Changning' },
  { code: '310106', zh: '静安区', en: "Jing'an" },
  { code: '310107', zh: '普陀区', en: 'Putuo' },
  { code: '310109', zh: '虹口区', en: 'Hongkou' },
  { code: '310110', zh: '杨浦区', en: 'Yangpu' },
  { code: '310112', zh: '闵行区', en: 'Minhang' },
  { code: '310113', zh: '宝山区', en: 'Baoshan' },
  { code: '310114', zh: '嘉定区', en: 'Jiading' },
  { code: '310115', zh: '浦东新区', en: 'Pudong New Area' },
  { code: '310116', zh: '金山区', en: 'Jinshan' },
  { code: '310117', zh: '松江区', en: 'Songjiang' },
  { code: '310118', zh: '青浦区', en: 'Qingpu' },
  { code: '310120', zh: '奉贤区', en: 'Fengxian' },
  { code: '310151', zh: '崇明区', en: 'Chongming' },
];

const districtLookup = new Map<string, string>();
for (const d of DISTRICTS) {
  const short = d.zh.replace(/(新区|区)$/, '');
  for (const key of [d.code, d.zh, short, d.en, `${d.en} District`, d.en.replace("'", '')]) {
    districtLookup.set(key.toLowerCase(), d.code);
  }
}

/** Finds a district however people write it: 嘉定, 嘉定区, Jiading, 310114. */
export function findDistrict(raw: string): District | undefined {
  const code = districtLookup.get(raw.trim().replace(/\s+/g, ' ').toLowerCase());
  return DISTRICTS.find((d) => d.code === code);
}

export const LEADING_INDUSTRIES = ['ic', 'biomedicine', 'ai'] as const;
export const KEY_INDUSTRIES = [
  'electronic_information', 'life_health', 'automobile', 'high_end_equipment', 'advanced_materials', 'fashion_consumer',
] as const;
/** The "3+6" system: 3 leading industries (三大先导产业) and 6 key industries (六大重点产业). */
export const INDUSTRY_GROUPS = [...LEADING_INDUSTRIES, ...KEY_INDUSTRIES] as const;
export type IndustryGroup = (typeof INDUSTRY_GROUPS)[number];

/** The 8 key fields of the key-industry talent award (重点产业领域人才专项奖励). */
export const TALENT_FIELDS = [
  'ic', 'biomedicine', 'ai', 'software', 'high_end_equipment', 'aerospace', 'advanced_materials', 'new_energy',
] as const;
export type TalentField = (typeof TALENT_FIELDS)[number];

export const ORGANISATION_KINDS = ['enterprise', 'university', 'institute', 'hospital', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const LISTING_STATUSES = ['main_board', 'star_market', 'other', 'unlisted'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** Words people write in spreadsheets for each kind and listing status, besides the ids. */
export const KIND_ALIASES: Record<string, OrganisationKind> = {
  企业: 'enterprise', 公司: 'enterprise', 高校: 'university', 大学: 'university', 高等院校: 'university',
  科研院所: 'institute', 研究院所: 'institute', 研究所: 'institute', 研究院: 'institute', 医院: 'hospital',
  医疗机构: 'hospital', 其他: 'other',
};
export const LISTING_ALIASES: Record<string, ListingStatus> = {
  主板: 'main_board', 主板上市: 'main_board', 科创板: 'star_market', 科创板上市: 'star_market', star: 'star_market',
  其他: 'other', 其他上市: 'other', 其他板块: 'other', 未上市: 'unlisted', 非上市: 'unlisted', 否: 'unlisted',
};

export function findKind(raw: string): OrganisationKind | undefined {
  const v = raw.trim().toLowerCase();
  return (ORGANISATION_KINDS as readonly string[]).includes(v) ? (v as OrganisationKind) : KIND_ALIASES[raw.trim()];
}

export function findListing(raw: string): ListingStatus | undefined {
  const v = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return (LISTING_STATUSES as readonly string[]).includes(v) ? (v as ListingStatus) : LISTING_ALIASES[raw.trim()];
}
