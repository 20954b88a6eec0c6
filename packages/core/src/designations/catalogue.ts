/**
 * The designation catalogue (认定目录): every title an outcome may grant, declared as data — its
 * tiers, the body that grants it, how long it is valid and whether it is evaluated periodically.
 */
import type { Bilingual } from '../programs/schema.js';

export interface DesignationTier {
  key: string;
  name: Bilingual;
}

export interface DesignationTitleSpec {
  key: string;
  name: Bilingual;
  /** In order of precedence, highest first. */
  tiers: readonly DesignationTier[];
  grantingBody: Bilingual;
  /** Whole years from the grant (or its renewal) to expiry; null: held until revoked. */
  validityYears: number | null;
  /** Periodic evaluation (定期评价) of the tiers named, every intervalYears; null: none. */
  evaluation: { intervalYears: number; tiers: readonly string[] } | null;
}

const tier = (key: string, zh: string, en: string): DesignationTier => ({ key, name: { zh, en } });

export const DESIGNATION_CATALOGUE = {
  tech_center: {
    key: 'tech_center',
    name: { zh: '企业技术中心', en: 'Enterprise technology center' },
    tiers: [tier('national', '国家级', 'National'), tier('municipal', '市级', 'Municipal'), tier('district', '区级', 'District')],
    grantingBody: { zh: '国家发展改革委等部门；上海市经济和信息化委员会；各区经委', en: 'NDRC and partner ministries; Shanghai Municipal Commission of Economy and Informatization; district commissions' },
    validityYears: null,
    evaluation: { intervalYears: 2, tiers: ['national', 'municipal'] },
  },
  innovation_demo: {
    key: 'innovation_demo',
    name: { zh: '国家技术创新示范企业', en: 'National technology innovation demonstration enterprise' },
    tiers: [tier('national', '国家级', 'National')],
    grantingBody: { zh: '工业和信息化部', en: 'Ministry of Industry and Information Technology' },
    validityYears: null,
    evaluation: { intervalYears: 3, tiers: ['national'] },
  },
  quality_benchmark: {
    key: 'quality_benchmark',
    name: { zh: '质量标杆', en: 'Quality benchmark' },
    tiers: [tier('national', '全国', 'National'), tier('shanghai', '上海市', 'Shanghai')],
    grantingBody: { zh: '工业和信息化部；上海市经济和信息化委员会', en: 'Ministry of Industry and Information Technology; Shanghai Municipal Commission of Economy and Informatization' },
    validityYears: null,
    evaluation: null,
  },
  top100_listing: {
    key: 'top100_listing',
    name: { zh: '硬核科技企业TOP100上榜', en: 'Hardcore-tech enterprise TOP100 listing' },
    tiers: [tier('listed', '上榜', 'Listed')],
    grantingBody: { zh: '上海市产业技术创新促进会', en: 'Shanghai Industrial Technology Innovation Promotion Association' },
    validityYears: 1,
    evaluation: null,
  },
  little_giant: {
    key: 'little_giant',
    name: { zh: '专精特新“小巨人”企业', en: '"Little giant" specialised and sophisticated enterprise' },
    tiers: [tier('national', '国家级', 'National'), tier('municipal', '市级', 'Municipal')],
    grantingBody: { zh: '工业和信息化部；上海市经济和信息化委员会', en: 'Ministry of Industry and Information Technology; Shanghai Municipal Commission of Economy and Informatization' },
    validityYears: 3,
    evaluation: null,
  },
} as const satisfies Record<string, DesignationTitleSpec>;

export type DesignationTitle = keyof typeof DESIGNATION_CATALOGUE;
export const DESIGNATION_TITLES = Object.keys(DESIGNATION_CATALOGUE) as [DesignationTitle, ...DesignationTitle[]];

export function isDesignationTitle(value: string): value is DesignationTitle {
  return Object.hasOwn(DESIGNATION_CATALOGUE, value);
}

export function titleSpec(title: DesignationTitle): DesignationTitleSpec {
  return DESIGNATION_CATALOGUE[title];
}

export function isTierOf(title: DesignationTitle, tierKey: string): boolean {
  return titleSpec(title).tiers.some((t) => t.key === tierKey);
}

/** A title by key or by its Chinese or English name, as spreadsheets write it; undefined if none. */
export function findTitle(text: string): DesignationTitle | undefined {
  const needle = text.trim().toLowerCase();
  return DESIGNATION_TITLES.find((k) => {
    const spec = titleSpec(k);
    return k === needle || spec.name.zh === text.trim() || spec.name.en.toLowerCase() === needle;
  });
}

/** A tier of the title by key or by its Chinese or English name; undefined if none. */
export function findTier(title: DesignationTitle, text: string): string | undefined {
  const needle = text.trim().toLowerCase();
  return titleSpec(title).tiers.find((t) => t.key === needle || t.name.zh === text.trim() || t.name.en.toLowerCase() === needle)?.key;
}
