/**
 * Synthetic data for a demo TOP100 cycle: tech-centre designations, the five source lists and
 * 30 indicators in 5 pillars, driven by a latent innovation strength per enterprise. The ranking is
 * computed from these numbers by the index engine; nothing here decides who is on the list.
 */
import type { FileSource } from '../programs/rounds/index/sources.js';
import { createRng, type Rng } from '../random.js';
import { KEY_INDUSTRIES, LEADING_INDUSTRIES, type IndustryGroup, type ListingStatus } from './taxonomy.js';

export interface DemoEnterprise {
  uscc: string;
  groups: readonly IndustryGroup[];
  listing: ListingStatus | null;
  established: string | null;
}

export interface DemoIndicator {
  id: string;
  zh: string;
  en: string;
  unit: string;
  direction: 1 | -1;
  /** log-normal scale: value = exp(mu + sigma·(loading·strength + noise)). */
  mu: number;
  sigma: number;
  loading: number;
}

export const DEMO_PILLARS: readonly { id: string; zh: string; en: string; weight: number; indicators: DemoIndicator[] }[] = [
  { id: 'input', zh: '创新投入', en: 'Innovation input', weight: 0.25, indicators: [
    { id: 'rd_expenditure', zh: '研发经费支出', en: 'R&D expenditure', unit: '万元', direction: 1, mu: 7, sigma: 1.2, loading: 0.9 },
    { id: 'rd_intensity', zh: '研发投入强度', en: 'R&D intensity', unit: '%', direction: 1, mu: 1.6, sigma: 0.5, loading: 0.6 },
    { id: 'rd_staff', zh: '研发人员数', en: 'R&D staff', unit: '人', direction: 1, mu: 4.5, sigma: 1, loading: 0.8 },
    { id: 'rd_staff_share', zh: '研发人员占比', en: 'Share of R&D staff', unit: '%', direction: 1, mu: 2.7, sigma: 0.4, loading: 0.5 },
    { id: 'rd_equipment', zh: '研发仪器设备原值', en: 'R&D equipment value', unit: '万元', direction: 1, mu: 6, sigma: 1.3, loading: 0.7 },
    { id: 'lab_platforms', zh: '研发平台数', en: 'Research platforms', unit: '个', direction: 1, mu: 0.8, sigma: 0.8, loading: 0.6 },
  ] },
  { id: 'output', zh: '创新产出', en: 'Innovation output', weight: 0.25, indicators: [
    { id: 'invention_patents', zh: '发明专利授权数', en: 'Invention patents granted', unit: '件', direction: 1, mu: 2.5, sigma: 1.2, loading: 0.85 },
    { id: 'pct_applications', zh: 'PCT国际专利申请数', en: 'PCT applications', unit: '件', direction: 1, mu: 0.8, sigma: 1.2, loading: 0.7 },
    { id: 'valid_patents', zh: '有效发明专利数', en: 'Valid invention patents', unit: '件', direction: 1, mu: 3.5, sigma: 1.1, loading: 0.85 },
    { id: 'standards_led', zh: '主导制定标准数', en: 'Standards led', unit: '项', direction: 1, mu: 0.7, sigma: 0.9, loading: 0.6 },
    { id: 'software_copyrights', zh: '软件著作权数', en: 'Software copyrights', unit: '件', direction: 1, mu: 2, sigma: 1.2, loading: 0.5 },
    { id: 'new_products', zh: '新产品数', en: 'New products', unit: '项', direction: 1, mu: 2, sigma: 0.9, loading: 0.6 },
  ] },
  { id: 'benefit', zh: '创新效益', en: 'Innovation benefit', weight: 0.2, indicators: [
    { id: 'new_product_share', zh: '新产品销售收入占比', en: 'New-product revenue share', unit: '%', direction: 1, mu: 3.2, sigma: 0.5, loading: 0.6 },
    { id: 'revenue', zh: '营业收入', en: 'Revenue', unit: '万元', direction: 1, mu: 10, sigma: 1.4, loading: 0.8 },
    { id: 'profit_margin', zh: '销售利润率', en: 'Profit margin', unit: '%', direction: 1, mu: 2.2, sigma: 0.5, loading: 0.4 },
    { id: 'productivity', zh: '全员劳动生产率', en: 'Labour productivity', unit: '万元/人', direction: 1, mu: 4.5, sigma: 0.6, loading: 0.5 },
    { id: 'tax_paid', zh: '纳税额', en: 'Tax paid', unit: '万元', direction: 1, mu: 7, sigma: 1.4, loading: 0.7 },
    { id: 'dev_cycle', zh: '新产品开发周期', en: 'New-product development time', unit: '月', direction: -1, mu: 2.6, sigma: 0.4, loading: -0.5 },
  ] },
  { id: 'growth', zh: '成长性', en: 'Growth', weight: 0.15, indicators: [
    { id: 'revenue_growth', zh: '营业收入三年复合增长率', en: 'Revenue growth (3-year CAGR)', unit: '%', direction: 1, mu: 2.5, sigma: 0.7, loading: 0.5 },
    { id: 'rd_growth', zh: '研发经费增长率', en: 'R&D expenditure growth', unit: '%', direction: 1, mu: 2.5, sigma: 0.7, loading: 0.5 },
    { id: 'patent_growth', zh: '发明专利增长率', en: 'Invention patent growth', unit: '%', direction: 1, mu: 2.7, sigma: 0.8, loading: 0.4 },
    { id: 'staff_growth', zh: '从业人员增长率', en: 'Employment growth', unit: '%', direction: 1, mu: 2, sigma: 0.6, loading: 0.3 },
    { id: 'profit_growth', zh: '利润增长率', en: 'Profit growth', unit: '%', direction: 1, mu: 2.4, sigma: 0.9, loading: 0.3 },
    { id: 'market_value_growth', zh: '估值或市值增长率', en: 'Valuation growth', unit: '%', direction: 1, mu: 2.6, sigma: 0.9, loading: 0.4 },
  ] },
  { id: 'leadership', zh: '产业引领', en: 'Industry leadership', weight: 0.15, indicators: [
    { id: 'national_awards', zh: '国家级科技奖励数', en: 'National S&T awards', unit: '项', direction: 1, mu: -0.5, sigma: 1, loading: 0.8 },
    { id: 'major_projects', zh: '承担重大科技项目数', en: 'Major S&T projects', unit: '项', direction: 1, mu: 0.3, sigma: 1, loading: 0.8 },
    { id: 'first_of_kind', zh: '首台（套）首批次首版次产品数', en: 'First-of-kind products', unit: '项', direction: 1, mu: -0.2, sigma: 1, loading: 0.6 },
    { id: 'chain_position', zh: '产业链关键环节评分', en: 'Value-chain position score', unit: '分', direction: 1, mu: 4, sigma: 0.25, loading: 0.5 },
    { id: 'university_collaborations', zh: '产学研合作项目数', en: 'University collaborations', unit: '项', direction: 1, mu: 1.3, sigma: 0.9, loading: 0.5 },
    { id: 'high_level_talent', zh: '高层次人才数', en: 'High-level talents', unit: '人', direction: 1, mu: 1, sigma: 1, loading: 0.7 },
  ] },
];

export interface DemoTop100 {
  designations: { uscc: string; tier: 'national' | 'municipal' | 'district'; grantedYear: number }[];
  /** The three file sources, as the office would receive them. */
  lists: Record<FileSource, string[]>;
  data: Map<string, Record<string, number | null>>;
}

function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function take<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

/**
 * Strength leans toward the leading and key industries and listed firms, as innovation does in
 * Shanghai; the shares on the resulting list are whatever the engine's ranking makes of it.
 */
export function syntheticTop100(enterprises: readonly DemoEnterprise[], options: { seed: string | number; year: number; poolSize: number }): DemoTop100 {
  const rng = createRng(options.seed);
  const strength = new Map<string, number>();
  for (const e of enterprises) {
    const leading = e.groups.some((g) => (LEADING_INDUSTRIES as readonly string[]).includes(g));
    const key = e.groups.some((g) => (KEY_INDUSTRIES as readonly string[]).includes(g));
    const listed = e.listing === 'main_board' || e.listing === 'star_market' || e.listing === 'other';
    strength.set(e.uscc, normal(rng) + (leading ? 0.2 : 0) + (key ? -0.1 : 0) + (listed ? 0.5 : 0));
  }
  const byStrength = [...enterprises].sort((a, b) => (strength.get(b.uscc) ?? 0) - (strength.get(a.uscc) ?? 0));
  const designations: DemoTop100['designations'] = [];
  byStrength.forEach((e, i) => {
    const noisy = i + Math.round(normal(rng) * enterprises.length * 0.08);
    const share = noisy / enterprises.length;
    const tier = share < 0.03 ? 'national' : share < 0.3 ? 'municipal' : share < 0.75 ? 'district' : null;
    if (tier) designations.push({ uscc: e.uscc, tier, grantedYear: options.year - 1 - rng.int(12) });
  });
  const strong = byStrength.slice(0, Math.floor(enterprises.length * 0.6)).map((e) => e.uscc);
  const lists = {
    emerging_top100: take(rng, strong.filter((u) => (enterprises.find((e) => e.uscc === u)?.groups.length ?? 0) > 0), 100),
    private_top100: take(rng, strong, 100),
    major_project: [] as string[],
  };
  // Holders of municipal major projects fill the pool up to its size, strongest first with noise.
  const inPool = new Set<string>([
    ...designations.filter((d) => d.tier !== 'district').map((d) => d.uscc),
    ...enterprises.filter((e) => e.listing && e.listing !== 'unlisted').map((e) => e.uscc),
    ...lists.emerging_top100, ...lists.private_top100,
  ]);
  for (const pass of [0.85, 1]) {
    for (const e of byStrength) {
      if (inPool.size >= options.poolSize) break;
      if (!inPool.has(e.uscc) && rng.next() < pass) {
        lists.major_project.push(e.uscc);
        inPool.add(e.uscc);
      }
    }
  }
  const data = new Map<string, Record<string, number | null>>();
  for (const uscc of inPool) {
    const s = strength.get(uscc) ?? 0;
    const record: Record<string, number | null> = {};
    for (const pillar of DEMO_PILLARS) {
      for (const ind of pillar.indicators) {
        if (rng.next() < 0.04) {
          record[ind.id] = null; // not reported
          continue;
        }
        const value = Math.exp(ind.mu + ind.sigma * (ind.loading * s + Math.sqrt(1 - Math.min(0.95, ind.loading ** 2)) * normal(rng)));
        record[ind.id] = Math.round(value * 100) / 100;
      }
    }
    data.set(uscc, record);
  }
  return { designations, lists, data };
}
